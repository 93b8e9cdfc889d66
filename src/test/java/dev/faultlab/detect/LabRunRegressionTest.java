package dev.faultlab.detect;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Captures and host state from real netns lab runs of the scenarios (src/test/resources/lab-runs): each run's
 * expected root cause and attributes (as its scenario file states them), or no root cause for runs without the
 * fault or where the kernel recovers by itself.
 */
class LabRunRegressionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "bridge-nf-call-iptables-off             | bridge-netfilter-off  | node=node-1",
            "bridge-nf-call-iptables-off-no-fault    |                       |",
            "flannel-mac-change                      | vxlan-stale-neighbor  | node=node-1",
            "kube-router-kill                        | route-missing         | node=node-3;podCidr=10.244.3.0/24",
            "kube-router-kill-asymmetric             | route-missing         | node=node-3;podCidr=10.244.3.0/24",
            "listen-backlog-overflow                 | listen-overflow       | port=10086",
            "listen-backlog-overflow-abort           | listen-overflow       | port=10086",
            "nat-timestamp-clients                   | timewait-syn-rejected | source=nat-gateway;paws=true",
            "nodeport-snat-tuple-reuse               | timewait-syn-rejected | source=node-snat",
            "nodeport-snat-tuple-reuse-policy-local  |                       |",
            "tunl0-mtu-blackhole                     | tunnel-mtu-blackhole  | device=tunl0;mtu=1440",
            "tunl0-mtu-blackhole-icmp-delivered      |                       |"})
    void namesTheCauseOfARealLabRun(String run, String cause, String attributes) throws Exception {
        Path dir = Path.of(LabRunRegressionTest.class.getResource("/lab-runs/" + run).toURI());
        List<Path> captures = list(dir.resolve("captures"));
        List<Path> states = Stream.of("before", "after").map(dir.resolve("state")::resolve).filter(Files::isDirectory)
                .toList();
        DiagnosisReport report = Diagnosis.analyze(captures, states);
        String text = TextReport.render(report);
        if (cause == null) {
            assertThat(report.rootCauses()).as(text).isEmpty();
            return;
        }
        assertThat(report.rootCauses()).as(text).hasSize(1);
        assertThat(report.topCause()).isEqualTo(cause);
        Map<String, String> expected = Arrays.stream(attributes.split(";")).map(kv -> kv.split("="))
                .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
        assertThat(report.rootCauses().get(0).attributes()).as(text).containsAllEntriesOf(expected);
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}

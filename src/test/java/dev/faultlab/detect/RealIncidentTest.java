package dev.faultlab.detect;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Incidents reproduced with the real kernel in scratch namespaces on the build machine (scripts beside the
 * captures in src/test/resources/incidents): the detectors must name them from real packets and real command
 * output, not just from frames built in tests.
 */
class RealIncidentTest {
    private static Path incident(String name) throws Exception {
        return Path.of(RealIncidentTest.class.getResource("/incidents/" + name).toURI());
    }

    @Test
    void routeMissingFromARealBlackholedConnect() throws Exception {
        Path dir = incident("route-missing-real");
        DiagnosisReport report = Diagnosis.analyze(List.of(dir.resolve("node-1-eth0.pcap")),
                List.of(dir.resolve("before"), dir.resolve("after")));
        assertThat(report.topCause()).isEqualTo(Causes.ROUTE_MISSING);
        assertThat(report.rootCauses().get(0).attributes()).containsEntry("node", "node-2")
                .containsEntry("podCidr", "10.244.2.0/24");
        Finding symptom = report.findings().stream().filter(f -> !f.isRootCause()).findFirst().orElseThrow();
        assertThat(symptom.attributes()).containsEntry("schedule", "linear-then-exponential");
        assertThat(report.rootCauses()).hasSize(1);
    }

    @Test
    void listenOverflowFromARealSlowAcceptor() throws Exception {
        Path dir = incident("listen-overflow-real");
        DiagnosisReport report = Diagnosis.analyze(List.of(dir.resolve("pod-2-c-lo.pcap")),
                List.of(dir.resolve("before"), dir.resolve("after")));
        assertThat(report.topCause()).isEqualTo(Causes.LISTEN_OVERFLOW);
        assertThat(report.rootCauses().get(0).attributes()).containsEntry("port", "10086")
                .containsEntry("backlog", "1");
        assertThat(report.rootCauses()).hasSize(1);
    }
}

package dev.faultlab.detect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DiagnosisJson} writes what Jackson's object mapper writes for the report records, byte for byte: on
 * reports with every optional value absent, escapes and non-ASCII text, and on recorded lab runs. A component
 * added to one of the records appears in the mapper's output and not in the writer's, so this fails until the
 * writer has it too.
 */
class DiagnosisJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Test
    void writesWhatTheObjectMapperWritesForEveryKindOfValue() throws Exception {
        Finding rootCause = new Finding("route-missing", Tier.ROOT_CAUSE, "no route to 10.244.3.0/24 \"quoted\"",
                "line one\nline two\ttabbed, a backslash \\ and a control \u0001 char", "fix: ip route add …",
                0.875, List.of(new Evidence("node-1-eth0.pcapng", 42, "2026-01-01T00:00:00.123456789Z",
                        "[fd00::1]:443 > [fd00::2]:51000", "ICMP net unreachable"),
                        Evidence.state("node-2", "ip-route.json", "no route for 10.244.3.0/24")),
                Map.of("node", "node-2", "podCidr", "10.244.3.0/24", "émoji", "✓"),
                List.of(LookAlikeCheck.excluded(LookAlike.FIREWALL_DROP, "ICMP names the router")),
                "ci/collect-node-state.sh");
        Finding bare = new Finding("syn-unanswered", Tier.SYMPTOM, "s", "e", "r", 1.0, List.of(), Map.of());
        Finding suspect = new Finding("listen-overflow", Tier.SUSPECT, "s", "e", "r", 0.0, List.of(), Map.of(),
                List.of(LookAlikeCheck.open(LookAlike.ONE_LOST_SYN, "one attempt")), null);
        List<DiagnosisReport> reports = List.of(
                new DiagnosisReport(List.of(rootCause, suspect, bare), 9_000_000_000L, 3, 1, 77,
                        List.of("a.pcap", "dir with space/b.pcapng.gz"), List.of("state/after"),
                        List.of("note \"one\"", "ünïcode")),
                new DiagnosisReport(List.of(), 0, 0, 0, 0, List.of(), List.of(), List.of()));
        for (DiagnosisReport report : reports) {
            assertThat(report.toJson()).isEqualTo(MAPPER.writeValueAsString(report));
        }
    }

    @Test
    void writesWhatTheObjectMapperWritesForRecordedLabRuns() throws Exception {
        List<Path> runs = labRuns();
        assertThat(runs).isNotEmpty();
        for (Path run : runs) {
            List<Path> captures;
            try (Stream<Path> files = Files.list(run.resolve("captures"))) {
                captures = files.sorted().toList();
            }
            DiagnosisReport report = Diagnosis.analyze(captures, List.of());
            assertThat(report.toJson()).as(run.toString()).isEqualTo(MAPPER.writeValueAsString(report));
        }
    }

    private static List<Path> labRuns() throws Exception {
        Path root = resource("/lab-runs");
        try (Stream<Path> runs = Files.list(root)) {
            return runs.filter(r -> Files.isDirectory(r.resolve("captures"))).sorted().toList();
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(DiagnosisJsonTest.class.getResource(name).toURI());
    }
}

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
    /** Diagnoses one capture of a recorded incident together with its before/after host state. */
    private static DiagnosisReport analyze(String incident, String capture) throws Exception {
        Path dir = Path.of(RealIncidentTest.class.getResource("/incidents/" + incident).toURI());
        return Diagnosis.analyze(List.of(dir.resolve(capture)), List.of(dir.resolve("before"), dir.resolve("after")));
    }

    @Test
    void routeMissingFromARealBlackholedConnect() throws Exception {
        DiagnosisReport report = analyze("route-missing-real", "node-1-eth0.pcap");
        assertThat(report.topCause()).isEqualTo(Causes.ROUTE_MISSING);
        assertThat(report.rootCauses().get(0).attributes()).containsEntry("node", "node-2")
                .containsEntry("podCidr", "10.244.2.0/24");
        Finding symptom = report.findings().stream().filter(f -> !f.isRootCause()).findFirst().orElseThrow();
        assertThat(symptom.attributes()).containsEntry("schedule", "linear-then-exponential");
        assertThat(report.rootCauses()).hasSize(1);
    }

    @Test
    void listenOverflowFromARealSlowAcceptor() throws Exception {
        DiagnosisReport report = analyze("listen-overflow-real", "pod-2-c-lo.pcap");
        assertThat(report.topCause()).isEqualTo(Causes.LISTEN_OVERFLOW);
        assertThat(report.rootCauses().get(0).attributes()).containsEntry("port", "10086")
                .containsEntry("backlog", "1");
        assertThat(report.rootCauses()).hasSize(1);
    }
}

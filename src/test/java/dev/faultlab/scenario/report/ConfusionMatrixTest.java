package dev.faultlab.scenario.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConfusionMatrixTest {
    private static MatrixOutcome run(String scenario, String variant, boolean fault, String expected,
                                     Map<String, Integer> found) {
        return new MatrixOutcome(scenario, variant, fault, expected, found, Map.of("syn-unanswered", fault ? 3 : 0),
                Duration.ofMillis(4200), scenario + "/report.html", null);
    }

    private final MatrixOutcome caught = run("routing-agent-kill", null, true, "route-missing", Map.of("route-missing", 1));
    private final MatrixOutcome cleanBaseline = run("routing-agent-kill", null, false, null, Map.of());
    private final MatrixOutcome falseAlarm = run("tunl0-mtu-blackhole", "icmp-allowed", false, null,
            Map.of("tunnel-mtu-blackhole", 2));
    private final MatrixOutcome missed = run("tunl0-mtu-blackhole", null, true, "tunnel-mtu-blackhole", Map.of());

    @Test
    void passesOnlyWhenEveryFaultIsCaughtAndBaselinesAreClean() {
        assertThat(new ConfusionMatrix(List.of(caught, cleanBaseline)).passed()).isTrue();
        assertThat(new ConfusionMatrix(List.of(caught, cleanBaseline, falseAlarm)).passed()).isFalse();
        assertThat(new ConfusionMatrix(List.of(caught, missed)).passed()).isFalse();
        assertThat(new ConfusionMatrix(List.of()).passed()).as("an empty matrix proves nothing").isFalse();
    }

    @Test
    void anExtraRootCauseBesideTheExpectedOneFailsTheRun() {
        MatrixOutcome twoCauses = run("routing-agent-kill", null, true, "route-missing",
                Map.of("route-missing", 1, "listen-overflow", 1));
        assertThat(twoCauses.passed()).isFalse();
    }

    @Test
    void cellsShowCaughtMissedAndFalseAlarms() {
        ConfusionMatrix matrix = new ConfusionMatrix(List.of(caught, cleanBaseline, falseAlarm, missed));

        assertThat(matrix.causeColumns()).containsExactly("route-missing", "tunnel-mtu-blackhole", ConfusionMatrix.NONE);
        assertThat(matrix.symptomColumns()).containsExactly("syn-unanswered");
        assertThat(matrix.cell(caught, "route-missing")).isEqualTo("✓");
        assertThat(matrix.cell(caught, ConfusionMatrix.NONE)).isEmpty();
        assertThat(matrix.cell(cleanBaseline, ConfusionMatrix.NONE)).isEqualTo("✓");
        assertThat(matrix.cell(falseAlarm, "tunnel-mtu-blackhole")).isEqualTo("2");
        assertThat(matrix.cell(falseAlarm, ConfusionMatrix.NONE)).isEqualTo("✗");
        assertThat(matrix.cell(missed, "tunnel-mtu-blackhole")).isEqualTo("✗");
        assertThat(matrix.cell(caught, "syn-unanswered")).isEqualTo("3");
    }

    @Test
    void textTableHasOneLinePerRunAndTheVerdict() {
        String text = ConfusionMatrixText.render(new ConfusionMatrix(List.of(caught, cleanBaseline, falseAlarm)));

        assertThat(text.lines().toList()).hasSize(1 + 3 + 2);
        assertThat(text).contains("tunl0-mtu-blackhole/icmp-allowed  no-fault")
                .contains("syn-unanswered*")
                .endsWith("matrix FAILED: 2/3 runs as expected\n");
        List<String> lines = text.lines().toList();
        assertThat(lines.get(1).indexOf("✓")).as("cells align under their column")
                .isEqualTo(lines.get(0).indexOf("route-missing"));
    }

    @Test
    void jsonCarriesCellsAndVerdictPerRun() {
        JsonNode json = ConfusionMatrixJson.toJson(new ConfusionMatrix(List.of(caught, falseAlarm)));

        assertThat(json.get("passed").asBoolean()).isFalse();
        assertThat(json.get("runs")).hasSize(2);
        JsonNode alarm = json.get("runs").get(1);
        assertThat(alarm.get("variant").asText()).isEqualTo("icmp-allowed");
        assertThat(alarm.get("run").asText()).isEqualTo("no-fault");
        assertThat(alarm.get("cells").get("tunnel-mtu-blackhole").asText()).isEqualTo("2");
        assertThat(alarm.get("passed").asBoolean()).isFalse();
        assertThat(json.get("runs").get(0).get("variant").isNull()).isTrue();
    }
}

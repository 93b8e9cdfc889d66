package dev.faultlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultlab.detect.IncidentCase;
import dev.faultlab.detect.IncidentCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code faultlab diagnose}: text and JSON output, exit codes, one-line errors. */
class DiagnoseCommandTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static String[] args(IncidentCase incident, String... extra) {
        List<String> args = new ArrayList<>(List.of("diagnose"));
        incident.captures().forEach(c -> args.add(c.toString()));
        incident.states().forEach(s -> {
            args.add("--state");
            args.add(s.toString());
        });
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void textReportPutsTheCauseFirst() {
        CliRun run = run(args(new IncidentCases(dir).routeMissing(true)));
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("ROOT CAUSE route-missing");
        assertThat(run.out().indexOf("ROOT CAUSE route-missing")).isLessThan(run.out().indexOf("Evidence:"));
        assertThat(run.out().indexOf("Evidence:")).isLessThan(run.out().indexOf("What to do:"));
        assertThat(run.out().indexOf("ROOT CAUSE")).isLessThan(run.out().indexOf("SYMPTOM syn-unanswered"));
    }

    @Test
    void jsonReport() throws Exception {
        CliRun run = run(args(new IncidentCases(dir).vxlanStaleNeighbor(true), "--json"));
        assertThat(run.exit()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.path("packets").asLong()).isEqualTo(18);
        JsonNode top = json.path("findings").get(0);
        assertThat(top.path("cause").asText()).isEqualTo("vxlan-stale-neighbor");
        assertThat(top.path("attributes").path("staleOn").asText()).isEqualTo("node-3");
        assertThat(top.path("evidence").get(0).path("frame").asLong()).isPositive();
        assertThat(top.path("summary").asText()).isNotBlank();
    }

    @Test
    void scenarioRunDirectoryGivesCapturesAndState() throws Exception {
        Path run = Path.of(DiagnoseCommandTest.class.getResource("/lab-runs/kube-router-kill").toURI());
        CliRun result = run("diagnose", run.toString(), "--json");
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.path("captures")).hasSize(2);
        assertThat(json.path("stateDirs")).hasSize(2);
        assertThat(json.path("findings").get(0).path("cause").asText()).isEqualTo("route-missing");
    }

    /** A skipped detector's cause is not named even where it is the root cause, and the report says it was left out. */
    @Test
    void skipLeavesADetectorOutAndSaysSo() throws Exception {
        String[] incident = args(new IncidentCases(dir).routeMissing(true), "--json");
        JsonNode all = new ObjectMapper().readTree(run(incident).out());
        assertThat(all.path("findings").findValuesAsText("cause")).contains("route-missing");
        List<String> skipping = new ArrayList<>(List.of(incident));
        skipping.addAll(List.of("--skip", "route-missing,listen-overflow"));
        CliRun skipped = run(skipping.toArray(String[]::new));
        assertThat(skipped.exit()).isZero();
        JsonNode json = new ObjectMapper().readTree(skipped.out());
        assertThat(json.path("findings").findValuesAsText("cause")).doesNotContain("route-missing", "listen-overflow")
                .contains("syn-unanswered");
        assertThat(json.path("packets")).isEqualTo(all.path("packets"));
        assertThat(json.path("notes").toString()).contains("--skip").contains("route-missing, listen-overflow");
    }

    @Test
    void skippingAnUnknownCauseNamesTheInstalledOnes() {
        CliRun run = run(args(new IncidentCases(dir).routeMissing(true), "--skip", "route-mising"));
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).doesNotContain("\n").contains("route-mising").contains("route-missing");
        assertThat(run.out()).isEmpty();
    }

    /** --progress draws the line on stderr and blanks it before the report; --no-progress (and no terminal) none. */
    @Test
    void progressGoesToStderrOnlyWhenAskedForOrInATerminal() throws Exception {
        IncidentCase incident = new IncidentCases(dir).routeMissing(true);
        CliRun shown = run(args(incident, "--json", "--progress"));
        assertThat(shown.exit()).isZero();
        assertThat(shown.err()).contains("reading " + incident.captures().get(0).getFileName()).endsWith("\r")
                .doesNotContain("\n");
        assertThat(new ObjectMapper().readTree(shown.out()).path("findings").findValuesAsText("cause"))
                .contains("route-missing");
        for (String[] quiet : List.of(args(incident, "--json", "--no-progress"), args(incident, "--json"))) {
            CliRun run = run(quiet);
            assertThat(run.err()).isEmpty();
            assertThat(run.out()).isEqualTo(shown.out());
        }
    }

    @Test
    void undecodableLinkTypeIsNamedInTheReport() throws Exception {
        Path capture = dev.faultlab.capture.testing.TestCapture.ofLinkType(127).at(0, new byte[40])
                .writePcapng(dir.resolve("wifi.pcapng"));
        CliRun result = run("diagnose", capture.toString());
        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("link type [127] cannot be decoded").contains("1 bad");
    }

    @Test
    void healthyCaptureExitsZeroWithNoFindings() {
        CliRun run = run(args(new IncidentCases(dir).healthy(), "--json"));
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("\"findings\" : [ ]");
    }

    @Test
    void unusableInputExitsTwoWithOneLine() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a capture");
        for (String[] args : List.of(new String[]{"diagnose", text.toString()}, new String[]{"diagnose"},
                new String[]{"diagnose", "--state", dir.resolve("none").toString()})) {
            CliRun run = run(args);
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err().strip()).doesNotContain("\n").startsWith("faultlab: ");
            assertThat(run.out()).isEmpty();
        }
    }
}

package dev.faultlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code list}, {@code run} and {@code matrix} end to end on the fake backend (test class path) and the JUnit
 * extension's test catalog: exit codes, what is printed, what is written.
 */
class ScenarioCommandsTest {
    private static final String CATALOG = "src/test/resources/junit-catalog";

    @TempDir
    Path out;

    private final StringWriter stdout = new StringWriter();
    private final StringWriter stderr = new StringWriter();

    private int faultlab(String... args) {
        CommandLine cli = FaultlabCli.commandLine();
        cli.setOut(new PrintWriter(stdout, true));
        cli.setErr(new PrintWriter(stderr, true));
        return cli.execute(args);
    }

    @Test
    void listShowsEachScenarioWithDatapathExpectedCauseAndVariants() {
        assertThat(faultlab("list", "--dir", CATALOG)).isZero();

        assertThat(stdout.toString().lines().toList()).hasSize(3);
        assertThat(stdout.toString().lines().skip(1).toList()).satisfiesExactly(
                line -> assertThat(line).startsWith("broken-route").contains("bgp").contains("route-missing"),
                line -> assertThat(line).startsWith("quiet-lab").contains("flannel-vxlan").contains("none")
                        .endsWith("two-nodes"));
    }

    @Test
    void runExitsZeroWhenTheExpectationHoldsAndWritesBothReports() {
        int exit = faultlab("run", "quiet-lab", "--dir", CATALOG, "--backend", "fake", "--out", out.toString());

        assertThat(exit).as(stdout.toString() + stderr).isZero();
        assertThat(stdout.toString()).contains("PASS  quiet-lab [default] in ")
                .contains("cause: none named").contains("report: " + out.resolve("report.html"))
                .contains("lab flfake is up");
        assertThat(out.resolve("report.html")).isRegularFile();
        assertThat(out.resolve("report.json")).isRegularFile();
    }

    @Test
    void runExitsOneWhenTheExpectedCauseIsNotNamed() {
        int exit = faultlab("run", "broken-route", "--dir", CATALOG, "--backend", "fake", "--out", out.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(stdout.toString()).contains("FAIL  broken-route").contains("expected route-missing");
    }

    @Test
    void runWithNoFaultPassesWhenNoRootCauseIsNamed() {
        int exit = faultlab("run", "broken-route", "--no-fault", "--dir", CATALOG, "--backend", "fake",
                "--out", out.toString());

        assertThat(exit).isZero();
        assertThat(stdout.toString()).contains("PASS  broken-route [default, no fault]");
    }

    @Test
    void anUnavailableBackendFailsWithItsOneLineReasonAndExitTwo() {
        int exit = faultlab("run", "quiet-lab", "--dir", CATALOG, "--backend", "offline", "--out", out.toString());

        assertThat(exit).isEqualTo(FaultlabCli.EXIT_USAGE);
        assertThat(stderr.toString().strip()).isEqualTo("faultlab: offline is never available: it exists to test skipping");
        assertThat(out.resolve("report.html")).doesNotExist();
    }

    @Test
    void aScenarioFileRunsWithoutAScenarioDirectory() {
        int exit = faultlab("run", CATALOG + "/quiet-lab.yaml", "--backend", "fake", "--out", out.resolve("run").toString());

        assertThat(exit).as(stdout.toString() + stderr).isZero();
        assertThat(stdout.toString()).contains("PASS  quiet-lab [default]");
    }

    @Test
    void aMissingScenarioDirectoryIsOneLineNamingTheFix() {
        int exit = faultlab("run", "quiet-lab", "--dir", out.resolve("no-such-dir").toString(), "--backend", "fake");

        assertThat(exit).isEqualTo(FaultlabCli.EXIT_USAGE);
        assertThat(stderr.toString()).hasLineCount(1).contains("scenario directory " + out.resolve("no-such-dir")
                + " not found: pass an existing directory");
    }

    @Test
    void anUnknownScenarioNamesTheOnesThereAre() {
        assertThat(faultlab("run", "nope", "--dir", CATALOG, "--backend", "fake")).isEqualTo(FaultlabCli.EXIT_USAGE);
        assertThat(stderr.toString()).contains("no scenario 'nope'").contains("broken-route, quiet-lab");
    }

    @Test
    void matrixPrintsTheConfusionMatrixAndFailsWhenAFaultIsMissed() {
        int exit = faultlab("matrix", "--dir", CATALOG, "--backend", "fake", "--out", out.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(stdout.toString()).contains("matrix FAILED: 5/6 runs as expected")
                .containsPattern("broken-route\\s+fault\\s+✗");
        assertThat(out.resolve("matrix.json")).isRegularFile();
        assertThat(out.resolve("quiet-lab-two-nodes-no-fault").resolve("report.html")).isRegularFile();
    }

    @Test
    void matrixJsonGoesToStdoutAndProgressToStderr() throws Exception {
        int exit = faultlab("matrix", "--json", "--only", "quiet-lab", "--dir", CATALOG, "--backend", "fake",
                "--out", out.toString());

        assertThat(exit).isZero();
        JsonNode json = new ObjectMapper().readTree(stdout.toString());
        assertThat(json.get("passed").asBoolean()).isTrue();
        assertThat(json.get("runs")).hasSize(4);
        assertThat(json.get("runs").get(3).get("variant").asText()).isEqualTo("two-nodes");
        assertThat(json.get("runs").get(3).get("report").asText())
                .isEqualTo("quiet-lab-two-nodes-no-fault/report.html");
        assertThat(stderr.toString()).contains("pass quiet-lab · fault");
    }
}

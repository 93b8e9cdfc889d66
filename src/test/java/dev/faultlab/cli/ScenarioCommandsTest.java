package dev.faultlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultlab.detect.Detector;
import dev.faultlab.detect.Diagnosis;
import dev.faultlab.scenario.report.JunitXmlFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code list}, {@code run} and {@code matrix} end to end on the fake backend (test class path) and the JUnit
 * extension's test catalog: exit codes, what is printed, what is written.
 */
class ScenarioCommandsTest {
    private static final String CATALOG = "src/test/resources/junit-catalog";

    @TempDir
    Path out;

    /** The last {@link #faultlab} run. */
    private CliRun last;

    private int faultlab(String... args) {
        last = CliRun.of(args);
        return last.exit();
    }

    @Test
    void listShowsEachScenarioWithDatapathExpectedCauseAndVariants() {
        assertThat(faultlab("list", "--dir", CATALOG)).isZero();

        assertThat(last.out().lines().toList()).hasSize(3);
        assertThat(last.out().lines().skip(1).toList()).satisfiesExactly(
                line -> assertThat(line).startsWith("broken-route").contains("bgp").contains("route-missing"),
                line -> assertThat(line).startsWith("quiet-lab").contains("flannel-vxlan").contains("none")
                        .endsWith("two-nodes"));
    }

    @Test
    void listDetectorsShowsEveryInstalledCauseWithItsClass() {
        assertThat(faultlab("list", "--detectors")).isZero();

        List<String> rows = last.out().lines().skip(1).toList();
        List<Detector> installed = Diagnosis.loadDetectors();
        assertThat(rows).hasSameSizeAs(installed);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).split(" +")).containsExactly(installed.get(i).cause(),
                    installed.get(i).getClass().getName());
        }
    }

    @Test
    void runExitsZeroWhenTheExpectationHoldsAndWritesBothReports() {
        int exit = faultlab("run", "quiet-lab", "--dir", CATALOG, "--backend", "fake", "--out", out.toString());

        assertThat(exit).as(last.both()).isZero();
        assertThat(last.out()).contains("PASS  quiet-lab [default] in ")
                .contains("cause: none named").contains("report: " + out.resolve("report.html"))
                .contains("lab flfake is up");
        assertThat(out.resolve("report.html")).isRegularFile();
        assertThat(out.resolve("report.json")).isRegularFile();
    }

    @Test
    void runExitsOneWhenTheExpectedCauseIsNotNamed() {
        int exit = faultlab("run", "broken-route", "--dir", CATALOG, "--backend", "fake", "--out", out.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(last.out()).contains("FAIL  broken-route").contains("expected route-missing");
    }

    @Test
    void runWithNoFaultPassesWhenNoRootCauseIsNamed() {
        int exit = faultlab("run", "broken-route", "--no-fault", "--dir", CATALOG, "--backend", "fake",
                "--out", out.toString());

        assertThat(exit).isZero();
        assertThat(last.out()).contains("PASS  broken-route [default, no fault]");
    }

    @Test
    void anUnavailableBackendFailsWithItsOneLineReasonAndExitTwo() {
        int exit = faultlab("run", "quiet-lab", "--dir", CATALOG, "--backend", "offline", "--out", out.toString());

        assertThat(exit).isEqualTo(FaultlabCli.EXIT_USAGE);
        assertThat(last.err().strip()).isEqualTo("faultlab: offline is never available: it exists to test skipping");
        assertThat(out.resolve("report.html")).doesNotExist();
    }

    @Test
    void aScenarioFileRunsWithoutAScenarioDirectory() {
        int exit = faultlab("run", CATALOG + "/quiet-lab.yaml", "--backend", "fake", "--out", out.resolve("run").toString());

        assertThat(exit).as(last.both()).isZero();
        assertThat(last.out()).contains("PASS  quiet-lab [default]");
    }

    @Test
    void aMissingScenarioDirectoryIsOneLineNamingTheFix() {
        int exit = faultlab("run", "quiet-lab", "--dir", out.resolve("no-such-dir").toString(), "--backend", "fake");

        assertThat(exit).isEqualTo(FaultlabCli.EXIT_USAGE);
        assertThat(last.err()).hasLineCount(1).contains("scenario directory " + out.resolve("no-such-dir")
                + " not found: pass an existing directory");
    }

    @Test
    void anUnknownScenarioNamesTheOnesThereAre() {
        assertThat(faultlab("run", "nope", "--dir", CATALOG, "--backend", "fake")).isEqualTo(FaultlabCli.EXIT_USAGE);
        assertThat(last.err()).contains("no scenario 'nope'").contains("broken-route, quiet-lab");
    }

    @Test
    void matrixPrintsTheConfusionMatrixAndFailsWhenAFaultIsMissed() {
        int exit = faultlab("matrix", "--dir", CATALOG, "--backend", "fake", "--out", out.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(last.out()).contains("matrix FAILED: 5/6 runs as expected")
                .containsPattern("broken-route\\s+fault\\s+✗");
        assertThat(out.resolve("matrix.json")).isRegularFile();
        assertThat(out.resolve("quiet-lab-two-nodes-no-fault").resolve("report.html")).isRegularFile();
    }

    @Test
    void matrixJsonGoesToStdoutAndProgressToStderr() throws Exception {
        int exit = faultlab("matrix", "--json", "--only", "quiet-lab", "--dir", CATALOG, "--backend", "fake",
                "--out", out.toString());

        assertThat(exit).isZero();
        JsonNode json = new ObjectMapper().readTree(last.out());
        assertThat(json.get("passed").asBoolean()).isTrue();
        assertThat(json.get("runs")).hasSize(4);
        assertThat(json.get("runs").get(3).get("variant").asText()).isEqualTo("two-nodes");
        assertThat(json.get("runs").get(3).get("report").asText())
                .isEqualTo("quiet-lab-two-nodes-no-fault/report.html");
        assertThat(last.err()).contains("pass quiet-lab · fault");
    }

    @Test
    void matrixRunsLabsSideBySideAndWritesJunitXml() throws Exception {
        Path xml = out.resolve("junit/matrix.xml");
        int exit = faultlab("matrix", "--dir", CATALOG, "--backend", "fake", "--out", out.resolve("m").toString(),
                "--parallel", "3", "--junit-xml", xml.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(last.out()).contains("running 6 cases into " + out.resolve("m") + ", --parallel 3 as asked")
                .contains("matrix FAILED: 5/6 runs as expected")
                .containsPattern("(?m)^  broken-route · fault: ");
        Document doc = JunitXmlFixtures.parseValid(Files.readString(xml));
        NodeList cases = doc.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(6);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element testcase = (Element) cases.item(i);
            names.add(testcase.getAttribute("name"));
            Element property = (Element) testcase.getElementsByTagName("property").item(0);
            assertThat(Path.of(property.getAttribute("value"))).isRegularFile().hasFileName("report.html");
        }
        assertThat(names).containsExactly("broken-route · fault", "broken-route · no fault", "quiet-lab · fault",
                "quiet-lab · no fault", "quiet-lab/two-nodes · fault", "quiet-lab/two-nodes · no fault");
        assertThat(((Element) cases.item(0)).getElementsByTagName("failure").item(0).getAttributes()
                .getNamedItem("message").getNodeValue()).isEqualTo("expected route-missing, found none");
    }

    @Test
    void shardsOfTheMatrixRunEachCaseExactlyOnce() throws Exception {
        List<String> all = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Path xml = out.resolve("shard-" + i + ".xml");
            faultlab("matrix", "--dir", CATALOG, "--backend", "fake", "--out", out.resolve("s" + i).toString(),
                    "--shard", i + "/3", "--junit-xml", xml.toString());
            assertThat(last.out()).contains("(shard " + i + "/3 of 6)");
            NodeList cases = JunitXmlFixtures.parseValid(Files.readString(xml)).getElementsByTagName("testcase");
            for (int c = 0; c < cases.getLength(); c++) {
                all.add(((Element) cases.item(c)).getAttribute("name"));
            }
        }

        assertThat(all).hasSize(6).doesNotHaveDuplicates().contains("broken-route · fault", "quiet-lab/two-nodes · no fault");
    }

    @ParameterizedTest
    @MethodSource("badMatrixOptions")
    void badMatrixOptionsAreOneLineNamingTheFixBeforeAnyLab(List<String> options, String message) {
        List<String> args = new ArrayList<>(List.of("matrix", "--dir", CATALOG, "--backend", "fake",
                "--out", out.resolve("m").toString()));
        args.addAll(options.stream().map(o -> o.replace("$OUT", out.toString())).toList());

        assertThat(faultlab(args.toArray(String[]::new))).isEqualTo(FaultlabCli.EXIT_USAGE);
        assertThat(last.err()).hasLineCount(1).startsWith("faultlab: " + message.replace("$OUT", out.toString()));
        assertThat(out.resolve("m")).doesNotExist();
    }

    static Stream<Arguments> badMatrixOptions() {
        return Stream.of(
                Arguments.of(List.of("--shard", "4/3"), "--shard 4/3 does not exist: use I/N with 1 <= I <= N"),
                Arguments.of(List.of("--shard", "7/7"), "--shard 7/7 has no cases: the matrix has 6, so use at most 6 shards"),
                Arguments.of(List.of("--shard", "two"), "--shard 'two' is not I/N: write e.g. --shard 2/3"),
                Arguments.of(List.of("--parallel", "0"), "--parallel 0 runs nothing: give 1 (one lab at a time) or more"),
                Arguments.of(List.of("--junit-xml", "$OUT"), "--junit-xml $OUT is a directory: give a file"),
                Arguments.of(List.of("--junit-xml", "/proc/faultlab/matrix.xml"),
                        "--junit-xml /proc/faultlab/matrix.xml cannot be written ("),
                Arguments.of(List.of("--junit-xml", "$OUT/file/matrix.xml", "--only", "quiet-lab"),
                        "--junit-xml $OUT/file/matrix.xml cannot be written ("));
    }

    @BeforeEach
    void aFileWhereADirectoryIsExpected() throws IOException {
        Files.writeString(out.resolve("file"), "not a directory");
    }
}

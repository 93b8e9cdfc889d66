package dev.faultlab.junit;

import dev.faultlab.backend.Cluster;
import dev.faultlab.fault.Fault;
import dev.faultlab.scenario.Scenario;
import dev.faultlab.scenario.ScenarioResult;
import dev.faultlab.scenario.ScenarioSession;
import dev.faultlab.scenario.report.MatrixCase;
import dev.faultlab.topology.ClusterLayout;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.Datapath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs small fixture test classes through the JUnit engine (EngineTestKit) on the fake backend and checks what
 * the extension did: labs closed whatever happened, artifacts kept only for failures, matrix invocations, skips.
 * The fixtures are nested classes, which surefire does not run on their own.
 */
class FaultlabExtensionTest {
    private static final String CATALOG = "src/test/resources/junit-catalog";

    @TempDir
    Path out;

    @BeforeEach
    void forgetEarlierLabs() {
        FakeBackend.STARTED.clear();
    }

    private EngineExecutionResults run(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(fixture))
                .configurationParameter("faultlab.output", out.toString())
                .configurationParameter(Fixture.PARAMETER, "true")
                .execute();
    }

    @Fixture
    @FaultScenario(value = "quiet-lab", catalog = CATALOG, backend = "fake")
    static class FailingLabTest {
        @Test
        void fails(Cluster cluster) {
            assertThat(cluster.layout().nodes()).hasSize(1);
            fail("the lab broke");
        }
    }

    @Test
    void aFailingTestClosesItsLabAndKeepsSnapshotCapturesAndReport() {
        run(FailingLabTest.class).testEvents().assertStatistics(s -> s.started(1).failed(1));

        assertThat(FakeBackend.STARTED).hasSize(1).allMatch(FakeCluster::closed);
        Path kept = out.resolve("FailingLabTest").resolve("fails");
        assertThat(kept.resolve("test-failure.txt")).content().contains("the lab broke");
        assertThat(kept.resolve("state").resolve("failure")).isDirectory();
        assertThat(kept.resolve("report.html")).isRegularFile();
    }

    @Fixture
    @FaultScenario(value = "quiet-lab", catalog = CATALOG, backend = "fake")
    static class PassingLabTest {
        @Test
        void passes(ScenarioResult result, ClusterLayout layout) {
            assertThat(result.passed()).as(result.verdict()).isTrue();
            assertThat(result.variant()).isEqualTo("default");
            assertThat(result.stateDirs()).containsKeys("before", "after");
            assertThat(layout.labId()).isEqualTo("flfake");
        }
    }

    @Test
    void theResultParameterRunsTheWholeScenarioAndAPassingTestLeavesNothingBehind() {
        run(PassingLabTest.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1));

        assertThat(FakeBackend.STARTED).hasSize(1).allMatch(FakeCluster::closed);
        assertThat(out).isEmptyDirectory();
    }

    @Fixture
    @FaultScenario(factory = "inCode", backend = "fake")
    static class BuiltInCodeTest {
        static Scenario inCode() {
            return ScenarioBuilder.named("built-in-code")
                    .cluster(ClusterSpec.of(3, 1, Datapath.BGP))
                    .fault("bridge-nf-call-iptables-off", Map.of("node", "node-1"))
                    .build();
        }

        @Test
        void runs(Scenario scenario, ScenarioResult result) {
            assertThat(scenario.name()).isEqualTo("built-in-code");
            assertThat(result.layout().nodes()).hasSize(3);
            assertThat(result.passed()).as(result.verdict()).isTrue();
        }
    }

    @Fixture
    @FaultScenario(file = CATALOG + "/quiet-lab.yaml", variant = "two-nodes", backend = "fake")
    static class ScenarioFileTest {
        @Test
        void runs(Scenario scenario, ScenarioResult result) {
            assertThat(scenario.source()).isEqualTo(Path.of(CATALOG, "quiet-lab.yaml"));
            assertThat(result.layout().nodes()).hasSize(2);
            assertThat(result.passed()).as(result.verdict()).isTrue();
        }
    }

    @Test
    void aScenarioFileGivenByPathRuns() {
        run(ScenarioFileTest.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1));

        assertThat(FakeBackend.STARTED).hasSize(1).allMatch(FakeCluster::closed);
    }

    @Test
    void aScenarioBuiltInCodeRunsLikeOneFromAFile() {
        run(BuiltInCodeTest.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1));

        assertThat(FakeBackend.STARTED).hasSize(1).allMatch(FakeCluster::closed);
    }

    @Fixture
    static class SteppedLabTest {
        @Test
        @FaultScenario(value = "quiet-lab", variant = "two-nodes", noFault = true, catalog = CATALOG, backend = "fake")
        void stepsThrough(Fault fault, ScenarioSession session, Cluster cluster, ScenarioResult result) {
            assertThat(fault.name()).isEqualTo("bridge-nf-call-iptables-off");
            assertThat(session.labStarted()).isTrue();
            assertThat(cluster.layout().nodes()).hasSize(2);
            assertThat(result.faultInjected()).isFalse();
        }
    }

    @Test
    void aTestMayTakeTheSessionTheClusterAndTheResultOfOneLab() {
        run(SteppedLabTest.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1));

        assertThat(FakeBackend.STARTED).as("one lab, shared by all parameters").hasSize(1);
        assertThat(FakeBackend.STARTED.get(0).closed()).isTrue();
    }

    @Fixture
    static class MatrixTest {
        @FaultMatrix(catalog = CATALOG, backend = "fake")
        void everyCase(MatrixCase run) {
            assertThat(run.scenario().name()).isIn("quiet-lab", "broken-route");
        }
    }

    @Test
    void theMatrixTemplateRunsEveryScenarioAndVariantWithAndWithoutItsFault() {
        EngineExecutionResults results = run(MatrixTest.class);

        results.testEvents().assertStatistics(s -> s.started(6).succeeded(6));
        assertThat(results.testEvents().started().stream().map(e -> e.getTestDescriptor().getDisplayName()))
                .containsExactly("broken-route · fault", "broken-route · no fault",
                        "quiet-lab · fault", "quiet-lab · no fault",
                        "quiet-lab/two-nodes · fault", "quiet-lab/two-nodes · no fault");
        assertThat(FakeBackend.STARTED).as("a test that takes no lab parameter builds no lab").isEmpty();
    }

    @Fixture
    @FaultScenario(value = "quiet-lab", catalog = CATALOG, backend = "fake")
    static class OneScenarioMatrixTest {
        @FaultMatrix(backend = "fake")
        void everyRunOfTheClassScenario(MatrixCase run, ScenarioResult result) {
            assertThat(result.passed()).as(result.verdict()).isTrue();
            assertThat(result.variant()).isEqualTo(run.variant());
        }
    }

    @Test
    void aMatrixInAScenarioClassCoversThatScenarioOnlyAndRunsEachCaseOnItsOwnLab() {
        EngineExecutionResults results = run(OneScenarioMatrixTest.class);

        results.testEvents().assertStatistics(s -> s.started(4).succeeded(4));
        assertThat(results.testEvents().started().stream().map(e -> e.getTestDescriptor().getDisplayName()))
                .containsExactly("quiet-lab · fault", "quiet-lab · no fault", "quiet-lab/two-nodes · fault",
                        "quiet-lab/two-nodes · no fault");
        assertThat(FakeBackend.STARTED).hasSize(4).allMatch(FakeCluster::closed);
        assertThat(FakeBackend.STARTED.get(2).layout().nodes()).hasSize(2);
        assertThat(out).as("passing runs leave nothing, not even empty directories").isEmptyDirectory();
    }

    @Fixture
    @FaultScenario(value = "quiet-lab", catalog = CATALOG, backend = "offline")
    static class UnavailableBackendTest {
        @Test
        void neverRuns(Cluster cluster) {
            fail("must be skipped");
        }
    }

    @Test
    void skipsWithTheBackendsOneLineReasonWhenItCannotRunHere() {
        EngineExecutionResults results = run(UnavailableBackendTest.class);

        results.testEvents().assertStatistics(s -> s.started(1).aborted(1).failed(0));
        Event aborted = results.testEvents().aborted().list().get(0);
        Throwable reason = aborted.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow();
        assertThat(reason.getMessage()).isEqualTo("faultlab backend offline unavailable: " + OfflineBackend.REASON);
    }

    @Fixture
    @FaultScenario(catalog = CATALOG, backend = "fake")
    static class NamelessScenarioTest {
        @Test
        void neverRuns() {
        }
    }

    @Test
    void aScenarioAnnotationNeedsANameOrAFactory() {
        EngineExecutionResults results = run(NamelessScenarioTest.class);

        results.testEvents().assertStatistics(s -> s.failed(1));
        Throwable error = results.testEvents().failed().list().get(0)
                .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable()
                .orElseThrow();
        assertThat(error.getMessage()).contains("needs exactly one of a scenario name (value), a YAML file (file)"
                + " or a factory method name (factory)");
    }
}

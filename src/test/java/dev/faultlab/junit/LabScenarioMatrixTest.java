package dev.faultlab.junit;

import dev.faultlab.scenario.ScenarioResult;
import dev.faultlab.scenario.report.MatrixCase;
import org.junit.jupiter.api.Tag;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project's own fault matrix, through its own JUnit extension: every scenario of {@code lab-scenarios/}
 * and each variant, with and without its fault, on a real lab. Needs root and the lab's tools.
 */
@Tag("root")
class LabScenarioMatrixTest {
    @FaultMatrix
    void namesEachFaultAndNothingElse(MatrixCase run, ScenarioResult result) {
        assertThat(result.passed()).as(run.displayName() + ": " + result.verdict()).isTrue();
        assertThat(result.faultInjected()).isEqualTo(!run.noFault());
    }
}

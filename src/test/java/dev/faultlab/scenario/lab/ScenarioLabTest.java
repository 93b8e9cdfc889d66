package dev.faultlab.scenario.lab;

import dev.faultlab.junit.FaultMatrix;
import dev.faultlab.scenario.ScenarioResult;
import dev.faultlab.scenario.report.MatrixCase;
import org.junit.jupiter.api.Tag;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runs every scenario gets on the netns backend, through the project's own JUnit extension: the default
 * setup and each variant, each with its fault (the verdict requires the expected cause with the file's
 * attributes and no other root cause) and without it (no root cause at all). Subclasses name the scenario with
 * {@code @FaultScenario} and add what is specific to it. Failed runs leave their captures, snapshots and report
 * in {@code target/faultlab/<class>/}.
 */
@Tag("root")
abstract class ScenarioLabTest {
    /** Checks beyond the verdict on the default run with the fault. */
    void checkFaultRun(ScenarioResult result) {
    }

    /** Checks beyond the verdict on a variant run with its fault. */
    void checkVariantRun(String variant, ScenarioResult result) {
    }

    @FaultMatrix
    void runsAsExpected(MatrixCase run, ScenarioResult result) {
        assertThat(result.passed()).as(result.verdict() + "\n" + String.join("\n", result.log())).isTrue();
        assertThat(result.faultInjected()).isEqualTo(!run.noFault());
        if (run.noFault()) {
            return;
        }
        if (run.isDefault()) {
            assertThat(result.diagnosis().findings()).anyMatch(f -> f.cause().equals(result.expectedCause()));
            checkFaultRun(result);
        } else {
            checkVariantRun(run.variant(), result);
        }
    }
}

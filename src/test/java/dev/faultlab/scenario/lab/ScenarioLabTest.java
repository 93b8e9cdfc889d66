package dev.faultlab.scenario.lab;

import dev.faultlab.scenario.ScenarioCatalog;
import dev.faultlab.scenario.ScenarioResult;
import dev.faultlab.scenario.ScenarioVariant;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static dev.faultlab.scenario.lab.ScenarioRuns.assertPassed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three runs every scenario gets on the netns backend: the default setup with the fault (the verdict
 * requires the expected cause with the file's attributes and no other root cause), the baseline without the
 * fault (no root cause at all), and every variant. Subclasses name the scenario and add what is specific to
 * it. Kept thin on purpose: the JUnit extension will replace the plumbing.
 */
@Tag("root")
abstract class ScenarioLabTest {
    abstract String scenario();

    /** Checks beyond the verdict on the default run with the fault. */
    void checkFaultRun(ScenarioResult result) {
    }

    /** Checks beyond the verdict on a variant run. */
    void checkVariantRun(String variant, ScenarioResult result) {
    }

    @Test
    void withFaultNamesTheExpectedCause() {
        ScenarioResult result = ScenarioRuns.withFault(scenario(), null);

        assertPassed(result);
        assertThat(result.diagnosis().findings()).anyMatch(f -> f.cause().equals(result.expectedCause()));
        checkFaultRun(result);
    }

    @Test
    void withoutFaultNamesNoRootCause() {
        ScenarioResult result = ScenarioRuns.withoutFault(scenario());

        assertPassed(result);
        assertThat(result.faultInjected()).isFalse();
    }

    @TestFactory
    Stream<DynamicTest> variants() {
        return ScenarioCatalog.loadDefault().find(scenario()).variants().stream().map(ScenarioVariant::name)
                .map(name -> DynamicTest.dynamicTest(name, () -> {
                    ScenarioResult result = ScenarioRuns.withFault(scenario(), name);
                    assertPassed(result);
                    checkVariantRun(name, result);
                }));
    }
}

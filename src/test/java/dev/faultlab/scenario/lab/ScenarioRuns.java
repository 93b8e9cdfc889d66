package dev.faultlab.scenario.lab;

import dev.faultlab.backend.Backends;
import dev.faultlab.scenario.RunOptions;
import dev.faultlab.scenario.ScenarioCatalog;
import dev.faultlab.scenario.ScenarioResult;
import dev.faultlab.scenario.ScenarioRunner;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs a scenario of {@code lab-scenarios/} on the netns backend for the per-scenario root tests, writing into
 * {@code target/scenario-runs/<scenario>/<variant>[-no-fault]} and echoing progress to stdout.
 */
final class ScenarioRuns {
    private ScenarioRuns() {
    }

    static ScenarioResult withFault(String scenario, String variant) {
        return run(scenario, variant, false);
    }

    static ScenarioResult withoutFault(String scenario) {
        return run(scenario, null, true);
    }

    /** Asserts the run passed, showing its verdict and log when it did not. */
    static void assertPassed(ScenarioResult result) {
        assertThat(result.passed()).as(result.verdict() + "\n" + String.join("\n", result.log())).isTrue();
    }

    private static ScenarioResult run(String scenario, String variant, boolean noFault) {
        String reason = Backends.named(Backends.DEFAULT).unavailableReason();
        assumeTrue(reason == null, reason);
        String dir = (variant == null ? "default" : variant) + (noFault ? "-no-fault" : "");
        RunOptions options = RunOptions.defaults(Path.of("target", "scenario-runs", scenario, dir))
                .withVariant(variant).withNoFault(noFault)
                .withProgress(line -> System.out.println(scenario + "/" + dir + " " + line));
        return ScenarioRunner.run(ScenarioCatalog.loadDefault().find(scenario), options);
    }
}

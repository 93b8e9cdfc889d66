package dev.faultlab.scenario.report;

import dev.faultlab.LabException;
import dev.faultlab.detect.Finding;
import dev.faultlab.scenario.RunOptions;
import dev.faultlab.scenario.ScenarioResult;
import dev.faultlab.scenario.ScenarioRunner;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Runs fault-matrix cases one after another (labs are cheap but the machine is small, and sequential runs keep
 * captures free of each other's noise), writes each run's report into {@code <out>/<case>/} and collects the
 * outcomes. A case whose lab cannot be built becomes a failed outcome naming why; the others still run.
 */
public final class MatrixRunner {
    private final RunOptions base;
    private final Path outDir;

    /** {@code base} supplies backend and progress; variant, fault and output directory are set per case. */
    public MatrixRunner(RunOptions base, Path outDir) {
        this.base = base;
        this.outDir = outDir;
    }

    public ConfusionMatrix run(List<MatrixCase> cases, Consumer<MatrixOutcome> onEach) {
        List<MatrixOutcome> outcomes = new ArrayList<>();
        for (MatrixCase c : cases) {
            MatrixOutcome outcome = run(c);
            outcomes.add(outcome);
            onEach.accept(outcome);
        }
        return new ConfusionMatrix(outcomes);
    }

    private MatrixOutcome run(MatrixCase c) {
        Path dir = outDir.resolve(c.slug());
        Instant start = Instant.now();
        try {
            ScenarioResult result = ScenarioRunner.run(c.scenario(), c.apply(base.withOutDir(dir)));
            Path report = ReportWriter.write(result).html();
            return outcome(c, result, outDir.relativize(report).toString());
        } catch (LabException | IllegalArgumentException e) {
            return new MatrixOutcome(c.scenario().name(), variantOf(c), !c.noFault(), c.expectedCause(), Map.of(),
                    Map.of(), Duration.between(start, Instant.now()), null, e.getMessage());
        }
    }

    /** The outcome of a finished run: its findings counted per cause, split into root causes and symptoms. */
    private static MatrixOutcome outcome(MatrixCase c, ScenarioResult result, String report) {
        Map<String, Integer> rootCauses = new TreeMap<>();
        Map<String, Integer> symptoms = new TreeMap<>();
        List<Finding> findings = result.diagnosis() == null ? List.of() : result.diagnosis().findings();
        for (Finding f : findings) {
            (f.isRootCause() ? rootCauses : symptoms).merge(f.cause(), 1, Integer::sum);
        }
        return new MatrixOutcome(c.scenario().name(), variantOf(c), result.faultInjected(), c.expectedCause(),
                rootCauses, symptoms, result.elapsed(), report, result.diagnosis() == null ? result.verdict() : null);
    }

    private static String variantOf(MatrixCase c) {
        return c.isDefault() ? null : c.variant();
    }
}

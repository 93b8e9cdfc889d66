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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs fault-matrix cases, {@code labs} at a time, each on its own lab (its own id, namespaces, processes and
 * output directory {@code <out>/<case>/}, nothing shared but the machine), and collects the outcomes in case
 * order. A case whose lab cannot be built or that breaks becomes a failed outcome naming why; the others run on.
 */
public final class MatrixRunner {
    private final RunOptions base;
    private final Path outDir;
    private final int labs;

    /**
     * {@code base} supplies backend and progress (each line prefixed with its case when labs run side by side);
     * variant, fault and output directory are set per case.
     */
    public MatrixRunner(RunOptions base, Path outDir, MatrixParallelism parallelism) {
        this.base = base;
        this.outDir = outDir;
        this.labs = parallelism.labs();
    }

    /** Runs every case; {@code onEach} hears each outcome as it finishes, one at a time. */
    public ConfusionMatrix run(List<MatrixCase> cases, Consumer<MatrixOutcome> onEach) {
        MatrixOutcome[] outcomes = new MatrixOutcome[cases.size()];
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(labs, cases.size())));
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                int index = i;
                running.add(pool.submit(() -> {
                    MatrixOutcome outcome = run(cases.get(index));
                    synchronized (outcomes) {
                        outcomes[index] = outcome;
                        onEach.accept(outcome);
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while running the matrix", e);
        } catch (ExecutionException e) {
            throw new LabException("the matrix runner broke: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new ConfusionMatrix(List.of(outcomes));
    }

    private MatrixOutcome run(MatrixCase c) {
        Path dir = outDir.resolve(c.slug());
        Instant start = Instant.now();
        RunOptions options = labs == 1 ? base : base.withProgress(line -> base.progress().accept(c.displayName() + ": " + line));
        try {
            ScenarioResult result = ScenarioRunner.run(c.scenario(), c.apply(options.withOutDir(dir)));
            Path report = ReportWriter.write(result).html();
            return outcome(c, result, outDir.relativize(report).toString());
        } catch (RuntimeException e) {
            // any failure stays this case's: the labs beside it run on
            String why = e instanceof LabException || e instanceof IllegalArgumentException ? e.getMessage()
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            // a case naming a variant its scenario lacks has no expectation to report
            String expected = c.scenario().variantNames().contains(c.variant()) ? c.expectedCause() : null;
            return new MatrixOutcome(c.scenario().name(), variantOf(c), !c.noFault(), expected, Map.of(),
                    Map.of(), Duration.between(start, Instant.now()), null, why);
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

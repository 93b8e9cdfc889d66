package dev.faultlab.cli;

import dev.faultlab.scenario.RunOptions;
import dev.faultlab.scenario.Scenario;
import dev.faultlab.scenario.report.ConfusionMatrix;
import dev.faultlab.scenario.report.ConfusionMatrixJson;
import dev.faultlab.scenario.report.ConfusionMatrixText;
import dev.faultlab.scenario.report.MatrixCase;
import dev.faultlab.scenario.report.MatrixRunner;
import dev.faultlab.scenario.report.TextFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code faultlab matrix}: every scenario and variant with and without its fault, as a confusion matrix. Exit 0
 * only when every fault is named by its detector, no other root cause fires, and every baseline is clean.
 */
@Command(name = "matrix", mixinStandardHelpOptions = true,
        description = "Runs every scenario (and variant) with and without its fault and prints the confusion "
                + "matrix. Exit 0 = every fault caught, nothing else fired, baselines clean.")
public final class MatrixCommand implements Callable<Integer>, Subcommand {
    @Option(names = "--out", paramLabel = "DIR", description = "output directory (default: faultlab-out/matrix-<time>/)")
    Path out;

    @Option(names = "--json", description = "print the matrix as JSON (progress goes to stderr)")
    boolean json;

    @Option(names = "--only", paramLabel = "SCENARIO", split = ",", description = "run only these scenarios")
    List<String> only;

    @Mixin
    CatalogOption catalog;

    @Mixin
    BackendOption backend;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<Scenario> scenarios = only == null ? catalog.load().all() : only.stream().map(catalog::find).toList();
        String backendName = backend.requireAvailable();
        Path dir = out != null ? out : OutputDirs.timestamped("matrix", Clock.systemUTC());
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter progress = json ? spec.commandLine().getErr() : stdout;
        List<MatrixCase> cases = MatrixCase.of(scenarios);
        progress.printf(Locale.ROOT, "running %d cases into %s%n", cases.size(), dir);
        RunOptions base = RunOptions.defaults(dir).withBackend(backendName)
                .withProgress(line -> {
                    progress.println("  " + line);
                    progress.flush();
                });
        ConfusionMatrix matrix = new MatrixRunner(base, dir).run(cases, o -> progress.printf(Locale.ROOT,
                "%s %s · %s in %.1fs%n", o.passed() ? "pass" : "FAIL", o.row(), o.run(), o.elapsed().toMillis() / 1000.0));
        TextFiles.write(dir.resolve("matrix.json"), ConfusionMatrixJson.render(matrix));
        stdout.print(json ? ConfusionMatrixJson.render(matrix) + "\n" : ConfusionMatrixText.render(matrix));
        stdout.flush();
        return matrix.passed() ? 0 : 1;
    }
}

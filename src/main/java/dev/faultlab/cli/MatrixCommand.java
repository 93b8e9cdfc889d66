package dev.faultlab.cli;

import dev.faultlab.scenario.RunOptions;
import dev.faultlab.scenario.Scenario;
import dev.faultlab.scenario.ScenarioCatalog;
import dev.faultlab.scenario.report.ConfusionMatrix;
import dev.faultlab.scenario.report.ConfusionMatrixJson;
import dev.faultlab.scenario.report.ConfusionMatrixText;
import dev.faultlab.scenario.report.MatrixCase;
import dev.faultlab.scenario.report.MatrixJunitXml;
import dev.faultlab.scenario.report.MatrixParallelism;
import dev.faultlab.scenario.report.MatrixRunner;
import dev.faultlab.scenario.report.MatrixShard;
import dev.faultlab.scenario.report.TextFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code faultlab matrix}: every scenario and variant with and without its fault, as a confusion matrix, labs
 * side by side, optionally one shard of it for one CI job, optionally as JUnit XML. Exit 0 only when every fault
 * is named by its detector, no other root cause fires, and every baseline is clean.
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

    @Option(names = "--parallel", paramLabel = "N",
            description = "labs run side by side (default: what this machine carries, and the line says why)")
    Integer parallel;

    @Option(names = "--shard", paramLabel = "I/N",
            description = "run only the I-th of N deterministic slices of the cases (one per CI job), e.g. 2/3")
    String shard;

    @Option(names = "--junit-xml", paramLabel = "FILE",
            description = "also write the runs as JUnit XML (one testcase per run, report.html path attached)")
    Path junitXml;

    @Mixin
    CatalogOption catalog;

    @Mixin
    BackendOption backend;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        MatrixShard slice = shard == null ? MatrixShard.ALL : MatrixShard.parse(shard);
        MatrixParallelism explicit = parallel == null ? null : MatrixParallelism.explicit(parallel);
        if (junitXml != null) {
            requireWritable(junitXml);
        }
        ScenarioCatalog scenarios = catalog.load();
        List<Scenario> chosen = only == null ? scenarios.all() : only.stream().map(scenarios::find).toList();
        List<MatrixCase> all = MatrixCase.of(chosen);
        List<MatrixCase> cases = slice.select(all);
        if (cases.isEmpty()) {
            throw new IllegalArgumentException("--shard " + slice + " has no cases: the matrix has " + all.size()
                    + ", so use at most " + all.size() + " shards");
        }
        String backendName = backend.requireAvailable().name();
        MatrixParallelism labs = explicit != null ? explicit : MatrixParallelism.forThisMachine(cases.size());
        Path dir = out != null ? out : OutputDirs.timestamped("matrix", Clock.systemUTC());
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter progress = json ? spec.commandLine().getErr() : stdout;
        progress.printf(Locale.ROOT, "running %d cases%s into %s, %s%n", cases.size(),
                slice.equals(MatrixShard.ALL) ? "" : " (shard " + slice + " of " + all.size() + ")", dir, labs.why());
        RunOptions base = RunOptions.defaults(dir).withBackend(backendName).withBackendSettings(backend.settings())
                .withProgress(line -> {
                    progress.println("  " + line);
                    progress.flush();
                });
        ConfusionMatrix matrix = new MatrixRunner(base, dir, labs).run(cases, o -> {
            progress.printf(Locale.ROOT, "%s %s · %s in %.1fs%n", o.passed() ? "pass" : "FAIL", o.row(), o.run(),
                    o.elapsed().toMillis() / 1000.0);
            progress.flush();
        });
        TextFiles.write(dir.resolve("matrix.json"), ConfusionMatrixJson.render(matrix));
        if (junitXml != null) {
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("backend", backendName);
            properties.put("shard", slice.toString());
            properties.put("parallel", Integer.toString(labs.labs()));
            properties.put("catalog", String.join(", ", scenarios.layers()));
            MatrixJunitXml.write(junitXml, matrix, dir, "faultlab matrix" + (slice.equals(MatrixShard.ALL) ? ""
                    : " " + slice), properties);
        }
        stdout.print(json ? ConfusionMatrixJson.render(matrix) + "\n" : ConfusionMatrixText.render(matrix));
        stdout.flush();
        return matrix.passed() ? 0 : 1;
    }

    /** Fails before any lab is built when the JUnit XML could not be written at the end. */
    private static void requireWritable(Path file) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("--junit-xml " + file + " is a directory: give a file, e.g. "
                    + file.resolve("faultlab-matrix.xml"));
        }
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
            Files.delete(Files.createTempFile(parent, ".faultlab-junit", ".probe"));
            if (Files.exists(file) && !Files.isWritable(file)) {
                throw new IOException("the file is read-only");
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalArgumentException("--junit-xml " + file + " cannot be written (" + e.getClass()
                    .getSimpleName() + ": " + e.getMessage() + "): give a path in a writable directory, e.g. "
                    + "target/faultlab-matrix.xml");
        }
    }
}

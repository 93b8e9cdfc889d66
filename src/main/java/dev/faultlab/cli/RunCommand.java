package dev.faultlab.cli;

import dev.faultlab.scenario.RunOptions;
import dev.faultlab.scenario.Scenario;
import dev.faultlab.scenario.ScenarioResult;
import dev.faultlab.scenario.ScenarioRunner;
import dev.faultlab.scenario.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

/**
 * {@code faultlab run}: one scenario from lab to verdict. Exits 0 only when the expectation holds (with
 * {@code --no-fault}: when no root cause is named), 1 when it does not, 2 when the lab could not run.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs a scenario: builds the lab, starts the workload, injects the fault, captures, "
                + "diagnoses, and writes report.html and report.json. Exit 0 = expectation held.")
public final class RunCommand implements Callable<Integer>, Subcommand {
    @Parameters(index = "0", paramLabel = "SCENARIO|FILE.yaml", description = "scenario name or YAML file")
    String scenario;

    @Option(names = "--variant", paramLabel = "V", description = "variant to run (see 'faultlab list')")
    String variant;

    @Option(names = "--no-fault", description = "baseline: everything but the fault; passes when no root cause is named")
    boolean noFault;

    @Option(names = "--out", paramLabel = "DIR", description = "output directory (default: faultlab-out/<scenario>-<time>/)")
    Path out;

    @Option(names = "--keep", description = "leave the lab running afterwards, to look around in it")
    boolean keep;

    @Mixin
    CatalogOption catalog;

    @Mixin
    BackendOption backend;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Scenario chosen = catalog.find(scenario);
        String backendName = backend.requireAvailable().name();
        PrintWriter stdout = spec.commandLine().getOut();
        RunOptions options = new RunOptions(variant, noFault,
                out != null ? out : OutputDirs.timestamped(chosen.name(), Clock.systemUTC()), keep, backendName,
                backend.settings(), line -> printLine(stdout, line));
        ScenarioResult result = ScenarioRunner.run(chosen, options);
        Path report = ReportWriter.write(result).html();
        RunSummary.print(result, report, stdout);
        return result.passed() ? 0 : 1;
    }

    private static void printLine(PrintWriter out, String line) {
        out.println(line);
        out.flush();
    }
}

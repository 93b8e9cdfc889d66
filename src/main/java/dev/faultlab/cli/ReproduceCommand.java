package dev.faultlab.cli;

import dev.faultlab.reproduce.Comparison;
import dev.faultlab.reproduce.CustomerEvidence;
import dev.faultlab.reproduce.FilledValue;
import dev.faultlab.reproduce.ReproduceOutcome;
import dev.faultlab.reproduce.Reproducer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code faultlab reproduce INPUT... [--state DIR]... [--out DIR] [--backend B] [--verify-fix] [--no-run]}: from a
 * customer's captures and node state to a lab scenario that fails the same way. Exit 0 when the lab reproduces the
 * customer's root cause (or the evidence shows none), 1 when it differs, 2 for unusable input.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = {"Diagnoses a customer's captures and node state, regenerates the built-in scenario of the top"
                + " root cause with the customer's parameters (a YAML with the source of every value), runs it with"
                + " and without the fault, and compares customer and lab. Exit 0 = reproduced, 1 = differs."})
public final class ReproduceCommand implements Subcommand, Callable<Integer> {
    @Parameters(paramLabel = "INPUT", arity = "0..*",
            description = "capture files, a bundle directory (captures/, state/before, state/after) or a bundle"
                    + " .tar.gz from collect-node-state.sh --bundle")
    private List<Path> inputs = new ArrayList<>();

    @Option(names = "--state", paramLabel = "DIR", description = "host-state snapshot directory (repeat for before/after)")
    private List<Path> stateDirs = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR",
            description = "where the scenario and lab runs go (default: faultlab-out/reproduce-<time>/)")
    private Path out;

    @Option(names = "--verify-fix", description = "after the failure, heal the fault and show every client succeeds")
    private boolean verifyFix;

    @Option(names = "--no-run", description = "write the scenario only; do not run the lab")
    private boolean noRun;

    @Mixin
    CatalogOption catalog;

    @Mixin
    BackendOption backend;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (inputs.isEmpty() && stateDirs.isEmpty()) {
            throw new IllegalArgumentException("nothing to reproduce from: give capture files, --state DIR or a bundle");
        }
        Path outDir = out != null ? out : OutputDirs.timestamped("reproduce", Clock.systemUTC());
        CustomerEvidence evidence = CustomerEvidence.of(inputs, stateDirs, outDir);
        String backendName = noRun ? backend.name : backend.requireAvailable().name();
        PrintWriter stdout = spec.commandLine().getOut();
        evidence.gaps().forEach(gap -> line(spec.commandLine().getErr(), "faultlab: " + gap));
        ReproduceOutcome outcome = Reproducer.reproduce(evidence, new Reproducer.Options(catalog.load(), outDir,
                backendName, backend.settings(), !noRun, verifyFix, l -> line(stdout, l)));
        if (!outcome.hasRootCause()) {
            line(stdout, "no root cause to reproduce" + (outcome.customer().findings().isEmpty() ? ""
                    : " (findings that are not root causes: " + String.join(", ", outcome.customer().findings().stream()
                    .map(f -> f.cause() + " " + f.tier().id()).toList()) + ")"));
            return 0;
        }
        line(stdout, "customer's root cause: " + outcome.rootCause().cause() + " " + outcome.rootCause().attributes());
        line(stdout, "scenario: " + outcome.scenarioFile() + " (from " + outcome.template() + ")");
        for (FilledValue v : outcome.filled()) {
            line(stdout, "  " + v.path() + " = " + v.value() + "   <- " + v.source());
        }
        outcome.notes().stream().filter(n -> !evidence.gaps().contains(n)).forEach(n -> line(stdout, "note: " + n));
        if (outcome.comparison() == null) {
            line(stdout, "not run (--no-run): faultlab run " + outcome.scenarioFile());
            return 0;
        }
        Comparison comparison = outcome.comparison();
        stdout.print(comparison.render());
        line(stdout, "comparison page: " + outcome.page());
        line(stdout, comparison.verdict());
        return comparison.reproduced() ? 0 : 1;
    }

    private static void line(PrintWriter out, String text) {
        out.println(text);
        out.flush();
    }
}

package dev.faultlab.cli;

import dev.faultlab.detect.Diagnosis;
import dev.faultlab.scenario.Scenario;
import dev.faultlab.scenario.report.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code faultlab list}: the scenarios a user can run, with what each reproduces and expects; with {@code --detectors}
 * the causes {@code diagnose} looks for (a user's own detectors included, once on the class path).
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists the scenarios: name, datapath, incident, expected cause, variants (with --detectors:"
                + " the installed detectors).")
public final class ListCommand implements Callable<Integer>, Subcommand {
    @Mixin
    CatalogOption catalog;

    @Option(names = "--detectors", description = "list the installed detectors instead: the causes diagnose looks"
            + " for (and --skip takes), and each detector's class")
    boolean detectors;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<List<String>> rows = new ArrayList<>();
        if (detectors) {
            rows.add(List.of("CAUSE", "DETECTOR"));
            Diagnosis.loadDetectors().forEach(d -> rows.add(List.of(d.cause(), d.getClass().getName())));
        } else {
            rows.add(List.of("SCENARIO", "DATAPATH", "INCIDENT", "EXPECTED CAUSE", "VARIANTS"));
            for (Scenario s : catalog.load().all()) {
                rows.add(List.of(s.name(), s.cluster().datapath().id(), s.incident(),
                        s.expectation() == null ? "none" : s.expectation().cause(),
                        String.join(", ", s.variantNames().subList(1, s.variantNames().size()))));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(TextTable.render(rows));
        out.flush();
        return 0;
    }
}

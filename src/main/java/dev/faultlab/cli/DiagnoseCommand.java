package dev.faultlab.cli;

import dev.faultlab.detect.Detector;
import dev.faultlab.detect.Diagnosis;
import dev.faultlab.detect.DiagnosisReport;
import dev.faultlab.detect.TextReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code faultlab diagnose FILE|DIR|TARBALL... [--state DIR]... [--skip CAUSE,...] [--[no-]progress] [--json]}: names
 * the root cause in captures and host state.
 * Exit 0 whenever the analysis ran (with or without findings), 2 for unusable input.
 */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = {"Reads captures (pcap/pcapng/snoop, plain or compressed) and host-state snapshots and names the root cause of"
                + " connection failures, with the frames and state lines that prove it."})
public final class DiagnoseCommand implements Subcommand, Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "capture files (pcap, pcapng or snoop; plain, gzip or zstd), a scenario run directory"
                    + " (captures/ and state/), or a directory or tarball from collect-node-state.sh with the"
                    + " captures beside it (its snapshots are used as --state)")
    private List<Path> captures = new ArrayList<>();

    @Option(names = "--state", paramLabel = "DIR",
            description = "host-state snapshot directory (repeat for before/after)")
    private List<Path> stateDirs = new ArrayList<>();

    @Option(names = "--json", description = "print the report as JSON")
    private boolean json;

    @Option(names = "--skip", paramLabel = "CAUSE", split = ",",
            description = "leave out the detectors of these causes (as the report names them, e.g."
                    + " tunnel-mtu-blackhole): a huge capture goes faster when a cause is ruled out already; the"
                    + " report notes what was left out")
    private List<String> skipped = new ArrayList<>();

    @Option(names = "--progress", negatable = true, description = "show on stderr how far the reading got (default:"
            + " when stderr is a terminal)")
    private Boolean progress;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (captures.isEmpty() && stateDirs.isEmpty()) {
            throw new IllegalArgumentException("nothing to diagnose: give capture files and/or --state DIR");
        }
        List<Detector> installed = Diagnosis.loadDetectors();
        Set<String> causes = installed.stream().map(Detector::cause).collect(Collectors.toSet());
        // an unknown cause: the registry's one line naming the installed ones
        skipped.stream().filter(cause -> !causes.contains(cause)).forEach(Diagnosis::detectorOf);
        Diagnosis diagnosis = Diagnosis.withDetectors(installed.stream().filter(d -> !skipped.contains(d.cause()))
                .toList());
        ProgressLine line = null;
        if (progress == null ? ProgressLine.stderrIsTerminal() : progress) {
            line = new ProgressLine(spec.commandLine().getErr(), System::nanoTime);
            diagnosis = diagnosis.withProgress(line);
        }
        DiagnosisReport report;
        try (DiagnoseInputs inputs = DiagnoseInputs.of(captures, stateDirs)) {
            report = diagnosis.run(inputs.captures(), inputs.stateDirs());
        } finally {
            if (line != null) {
                line.clear(); // a failure's one line must not follow the progress on the same line
            }
        }
        if (!skipped.isEmpty()) {
            // a report without a cause must not read as "not there" when the cause was never looked for
            report = report.withNote("not looked for (--skip): " + String.join(", ", new LinkedHashSet<>(skipped)));
        }
        spec.commandLine().getOut().print(json ? report.toJson() + System.lineSeparator() : TextReport.render(report));
        spec.commandLine().getOut().flush();
        return 0;
    }
}

package dev.faultlab.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * One in-process run of the {@code faultlab} command line, built as {@code main} builds it, with what it printed.
 * For tests of the commands: every command prints through picocli's writers, so nothing here touches
 * {@code System.out}.
 *
 * @param exit the exit status {@code main} would have returned
 * @param out  standard output
 * @param err  standard error
 */
public record CliRun(int exit, String out, String err) {
    public static CliRun of(String... args) {
        CommandLine cli = FaultlabCli.commandLine(args);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    public static CliRun of(List<String> args) {
        return of(args.toArray(String[]::new));
    }

    /** Both streams, for an assertion's description. */
    public String both() {
        return out + "\n" + err;
    }
}

package dev.faultlab.cli;

import dev.faultlab.Registry;
import dev.faultlab.LabException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.UncheckedIOException;

/**
 * The {@code faultlab} command. Subcommands register themselves as {@link Subcommand} services
 * (META-INF/services), so adding one touches nothing here.
 */
@Command(name = "faultlab", mixinStandardHelpOptions = true, version = "faultlab 0.1.0",
        description = "Reproduces Kubernetes network incidents in a lab and names their root cause.")
public final class FaultlabCli implements Runnable {
    /** Exit code for unusable input or a lab that cannot be built (one line on stderr says why). */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new FaultlabCli());
        for (Subcommand sub : Registry.of(Subcommand.class, "command", s -> s.getClass().getSimpleName()).all()) {
            cli.addSubcommand(sub);
        }
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof LabException || ex instanceof UncheckedIOException
                    || ex instanceof IllegalArgumentException) {
                commandLine.getErr().println("faultlab: " + ex.getMessage());
                return EXIT_USAGE;
            }
            throw ex;
        });
        return cli;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}

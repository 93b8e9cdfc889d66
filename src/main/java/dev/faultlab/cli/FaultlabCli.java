package dev.faultlab.cli;

import dev.faultlab.Registry;
import dev.faultlab.LabException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.UncheckedIOException;
import java.util.List;

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
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The command with every subcommand. */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command for {@code args}: when the first argument names a subcommand, only that subcommand's model is
     * built (picocli builds each by reflection, a noticeable part of a short diagnosis's JVM start); otherwise
     * every subcommand, for the top-level help and the "did you mean" suggestions.
     */
    static CommandLine commandLine(String[] args) {
        CommandLine cli = new CommandLine(new FaultlabCli());
        List<Subcommand> all = Registry.of(Subcommand.class, "command", s -> s.getClass().getSimpleName())
                .all();
        List<Subcommand> named = args.length == 0 ? List.of()
                : all.stream().filter(sub -> nameOf(sub).equals(args[0])).toList();
        for (Subcommand sub : named.isEmpty() ? all : named) {
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

    private static String nameOf(Subcommand sub) {
        Command command = sub.getClass().getAnnotation(Command.class);
        return command == null ? "" : command.name();
    }

    public static void main(String[] args) {
        System.exit(commandLine(args).execute(args));
    }
}

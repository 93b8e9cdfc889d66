package dev.faultlab.cli;

/**
 * Marker for a picocli {@code @Command} class that is a subcommand of {@code faultlab}. Implementations are
 * listed in {@code META-INF/services/dev.faultlab.cli.Subcommand} and need a public no-argument constructor.
 */
public interface Subcommand {
}

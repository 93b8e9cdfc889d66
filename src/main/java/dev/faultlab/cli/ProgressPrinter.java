package dev.faultlab.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Prints a run's progress lines with the seconds elapsed since the run began, so a user watching a long run
 * (a BGP hold timer, SYN back-off) sees it is alive and where the time goes.
 */
final class ProgressPrinter implements Consumer<String> {
    private final PrintWriter out;
    private final Clock clock;
    private final Instant start;
    private final String prefix;

    ProgressPrinter(PrintWriter out, Clock clock, String prefix) {
        this.out = out;
        this.clock = clock;
        this.start = clock.instant();
        this.prefix = prefix;
    }

    @Override
    public void accept(String line) {
        double seconds = Duration.between(start, clock.instant()).toMillis() / 1000.0;
        out.printf(Locale.ROOT, "%s[%6.1fs] %s%n", prefix, seconds, line);
        out.flush();
    }
}

package dev.faultlab.cli;

import dev.faultlab.detect.DiagnosisProgress;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The line {@code diagnose} keeps up to date on stderr while it reads a long capture: which capture, how much of the
 * file, how many packets, for how long. Redrawn in place (a carriage return) at most four times a second, so that a
 * slow terminal does not slow the diagnosis, and cleared when the last capture is done (or the diagnosis fails), so
 * that the report or the error starts on a clean line.
 */
final class ProgressLine implements Consumer<DiagnosisProgress> {
    private static final long REDRAW_NANOS = 250_000_000L;

    private final PrintWriter err;
    private final LongSupplier nanoClock;
    private final long started;
    private boolean drawn;
    private long drawnAt;
    /** The length of the line on the screen, to blank what a shorter one leaves. */
    private int width;

    ProgressLine(PrintWriter err, LongSupplier nanoClock) {
        this.err = err;
        this.nanoClock = nanoClock;
        this.started = nanoClock.getAsLong();
    }

    @Override
    public void accept(DiagnosisProgress progress) {
        if (progress.done() && progress.index() == progress.captures() - 1) {
            clear();
            return;
        }
        long now = nanoClock.getAsLong();
        if (drawn && now - drawnAt < REDRAW_NANOS) {
            return;
        }
        drawn = true;
        drawnAt = now;
        String line = text(progress, now - started);
        err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
        err.flush();
        width = line.length();
    }

    /** Blanks the line, if one is drawn. */
    void clear() {
        if (width > 0) {
            err.print("\r" + " ".repeat(width) + "\r");
            err.flush();
            width = 0;
        }
    }

    /**
     * Whether stderr is a terminal, where the line is drawn unless asked otherwise. Linux tells by the file descriptor's
     * target ({@code /proc/self/fd/2}), so {@code diagnose --json F > out.json} in a terminal still shows it; elsewhere
     * the JDK's console, which needs stdin and stdout to be terminals as well.
     */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException noProc) {
            return System.console() != null;
        }
    }

    static String text(DiagnosisProgress p, long elapsedNanos) {
        String which = p.captures() > 1 ? " (" + (p.index() + 1) + " of " + p.captures() + ")" : "";
        return String.format(Locale.ROOT, "reading %s%s: %s of %s (%d%%), %,d packets, %d s", p.capture(), which,
                size(p.bytesRead()), size(p.bytes()), (int) (100 * p.fraction()), p.packets(),
                elapsedNanos / 1_000_000_000L);
    }

    /** Decimal units, as ls -h --si and the file managers show them. */
    private static String size(long bytes) {
        if (bytes >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
        }
        return bytes >= 1_000_000L ? String.format(Locale.ROOT, "%.0f MB", bytes / 1e6)
                : String.format(Locale.ROOT, "%.0f KB", bytes / 1e3);
    }
}

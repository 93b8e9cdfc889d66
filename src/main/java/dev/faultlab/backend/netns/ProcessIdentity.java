package dev.faultlab.backend.netns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A process named by PID plus its start time (field 22 of /proc/PID/stat, in clock ticks since boot), so that a
 * recycled PID is never mistaken for the lab's process when a stale lab is reaped.
 */
record ProcessIdentity(long pid, long startTicks) {
    static Optional<ProcessIdentity> of(long pid) {
        return startTicksOf(pid).map(start -> new ProcessIdentity(pid, start));
    }

    static ProcessIdentity self() {
        return of(ProcessHandle.current().pid()).orElseThrow();
    }

    /** True while this very process (same PID and same start time) exists. */
    boolean alive() {
        return startTicksOf(pid).map(s -> s == startTicks).orElse(false);
    }

    /** True while this very process exists and has not exited: a zombie (state Z or X) has exited. */
    boolean running() {
        return stat(pid).filter(fields -> Long.parseLong(fields[19]) == startTicks)
                .map(fields -> !fields[0].equals("Z") && !fields[0].equals("X")).orElse(false);
    }

    static ProcessIdentity parse(String line) {
        String[] parts = line.strip().split("\\s+");
        return new ProcessIdentity(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
    }

    String format() {
        return pid + " " + startTicks;
    }

    private static Optional<Long> startTicksOf(long pid) {
        return stat(pid).map(fields -> Long.parseLong(fields[19]));
    }

    /** Fields 3 (state) onwards of /proc/PID/stat, so index 19 is the start time; empty when the PID is gone. */
    private static Optional<String[]> stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) may contain spaces; fields after ')' are space-separated
            String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            Long.parseLong(rest[19]);
            return Optional.of(rest);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}

package dev.faultlab.backend.netns;

import dev.faultlab.datapath.Signals;
import dev.faultlab.backend.LabProcess;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A process a lab started in one of its namespaces, leader of its own session (setsid), so signals reach its
 * children too. Its output goes to a log file in the lab's state directory rather than a pipe: a daemon of a
 * detached lab must survive the JVM that started it, and a pipe would break with it.
 */
final class TrackedProcess implements LabProcess {
    private static final long GRACE_MILLIS = 1000;
    private static final int OUTPUT_LIMIT = 64 * 1024;

    private final String host;
    private final Process process;
    private final Path log;

    TrackedProcess(String host, Process process, Path log) {
        this.host = host;
        this.process = process;
        this.log = log;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void signal(String signal) {
        if (process.isAlive()) {
            Signals.group(pid(), signal);
        }
    }

    /** Waits until the process has exited; true when it did within the time. */
    boolean awaitExit(long millis) {
        try {
            return process.waitFor(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String output() {
        try {
            byte[] bytes = Files.readAllBytes(log);
            int from = Math.max(0, bytes.length - OUTPUT_LIMIT);
            return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        signal("TERM");
        if (!awaitExit(GRACE_MILLIS)) {
            signal("KILL");
            awaitExit(GRACE_MILLIS);
        }
    }
}

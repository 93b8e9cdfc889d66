package dev.faultlab.container;

import dev.faultlab.backend.ExecResult;
import dev.faultlab.LabException;
import dev.faultlab.backend.LabProcess;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A long-running command started through an exec API (Docker's, or Kubernetes' pod exec). Its pid is written by a
 * fixed starter ({@code sh -c 'echo $$ > "$0"; exec "$@"'}, the user's command passed as separate arguments, never
 * spliced into the script), so signals reach the command itself with {@code kill} run through the same exec API.
 */
public final class ContainerProcess implements LabProcess {
    /** Characters of output kept per stream for reports. */
    public static final int OUTPUT_LIMIT = 64 * 1024;
    private static final String STARTER = "echo $$ > \"$0\"; exec \"$@\"";
    private static final Duration PID_WAIT = Duration.ofSeconds(5);
    private static final Duration TERM_GRACE = Duration.ofSeconds(2);

    /** Runs a short command where the process runs (same container or pod), for {@code cat} and {@code kill}. */
    @FunctionalInterface
    public interface Exec {
        ExecResult exec(List<String> argv, Duration timeout);
    }

    private final String host;
    private final Exec exec;
    private final BooleanSupplier alive;
    private final Supplier<String> output;
    private final long pid;

    /**
     * @param host    the lab host it runs in
     * @param exec    runs short commands beside it
     * @param alive   whether the exec session still runs
     * @param output  its output so far
     * @param pidFile where the starter wrote its pid
     */
    public ContainerProcess(String host, Exec exec, BooleanSupplier alive, Supplier<String> output, String pidFile) {
        this.host = host;
        this.exec = exec;
        this.alive = alive;
        this.output = output;
        this.pid = readPid(pidFile);
    }

    /** The argument list that runs {@code argv} after writing its pid to {@code pidFile}. */
    public static List<String> starter(String pidFile, List<String> argv) {
        List<String> command = new ArrayList<>(List.of("sh", "-c", STARTER, pidFile));
        command.addAll(argv);
        return command;
    }

    @Override
    public String host() {
        return host;
    }

    /** The pid inside the container's (or pod's) pid namespace. */
    @Override
    public long pid() {
        return pid;
    }

    @Override
    public boolean isAlive() {
        return alive.getAsBoolean();
    }

    @Override
    public void signal(String signal) {
        exec.exec(List.of("kill", "-s", signal, Long.toString(pid)), Duration.ofSeconds(10));
    }

    @Override
    public String output() {
        return output.get();
    }

    /** Waits up to {@code timeout} for the process to end; returns whether it did. */
    public boolean awaitExit(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isAlive() && System.nanoTime() < deadline) {
            sleep(50);
        }
        return !isAlive();
    }

    @Override
    public void close() {
        if (!isAlive()) {
            return;
        }
        signal("TERM");
        if (!awaitExit(TERM_GRACE)) {
            signal("KILL");
        }
    }

    private long readPid(String pidFile) {
        long deadline = System.nanoTime() + PID_WAIT.toNanos();
        while (true) {
            // liveness first: a command that ran and exited before the read still left its pid file
            boolean alive = isAlive();
            ExecResult cat = exec.exec(List.of("cat", pidFile), Duration.ofSeconds(5));
            if (cat.ok() && !cat.stdout().isBlank()) {
                return Long.parseLong(cat.stdout().strip());
            }
            if (!alive || System.nanoTime() > deadline) {
                break;
            }
            sleep(20);
        }
        throw new LabException("process in " + host + " did not start: " + output.get().strip());
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while waiting for a process in " + host, e);
        }
    }
}

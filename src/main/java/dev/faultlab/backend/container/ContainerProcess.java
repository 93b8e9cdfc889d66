package dev.faultlab.backend.container;

import dev.faultlab.backend.LabException;
import dev.faultlab.backend.LabProcess;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A long-running command in a container, started through the Docker exec API. Its pid inside the container is
 * written by a fixed starter ({@code sh -c 'echo $$ > "$0"; exec "$@"'}, the user's command passed as separate
 * arguments, never spliced into the script), so signals reach the command itself with {@code kill} in the container.
 */
public final class ContainerProcess implements LabProcess {
    /** Characters of output kept per stream for reports. */
    static final int OUTPUT_LIMIT = 64 * 1024;
    private static final String STARTER = "echo $$ > \"$0\"; exec \"$@\"";
    private static final Duration PID_WAIT = Duration.ofSeconds(5);
    private static final Duration TERM_GRACE = Duration.ofSeconds(2);

    private final String host;
    private final ContainerNode node;
    private final String execId;
    private final ContainerNode.OutputCollector output;
    private final long pid;

    ContainerProcess(String host, ContainerNode node, String execId, String pidFile,
                     ContainerNode.OutputCollector output) {
        this.host = host;
        this.node = node;
        this.execId = execId;
        this.output = output;
        this.pid = readPid(pidFile);
    }

    /** The argument list that runs {@code argv} after writing its pid to {@code pidFile}. */
    static List<String> starter(String pidFile, List<String> argv) {
        List<String> command = new ArrayList<>(List.of("sh", "-c", STARTER, pidFile));
        command.addAll(argv);
        return command;
    }

    @Override
    public String host() {
        return host;
    }

    /** The pid inside the container's pid namespace. */
    @Override
    public long pid() {
        return pid;
    }

    @Override
    public boolean isAlive() {
        return node.isRunning(execId);
    }

    @Override
    public void signal(String signal) {
        node.exec(List.of("kill", "-s", signal, Long.toString(pid)), Duration.ofSeconds(10));
    }

    @Override
    public String output() {
        return output.combined();
    }

    @Override
    public void close() {
        if (!isAlive()) {
            return;
        }
        signal("TERM");
        long deadline = System.nanoTime() + TERM_GRACE.toNanos();
        while (isAlive() && System.nanoTime() < deadline) {
            sleep(50);
        }
        if (isAlive()) {
            signal("KILL");
        }
    }

    private long readPid(String pidFile) {
        long deadline = System.nanoTime() + PID_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            var cat = node.exec(List.of("cat", pidFile), Duration.ofSeconds(5));
            if (cat.ok() && !cat.stdout().isBlank()) {
                return Long.parseLong(cat.stdout().strip());
            }
            if (!node.isRunning(execId)) {
                break;
            }
            sleep(20);
        }
        throw new LabException("process in " + host + " did not start: " + output.combined().strip());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while waiting for a process in a container", e);
        }
    }
}

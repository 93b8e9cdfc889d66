package dev.faultlab.datapath;

import dev.faultlab.backend.LabProcess;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A process a lab started on this machine (a node's daemon, a workload, the agent host) whose output goes to a log
 * file rather than a pipe: a daemon of a detached lab must survive the JVM that started it, and a pipe would break
 * with it. A process started with setsid leads its own session, so its signals go to the whole group and reach its
 * children too; one started without goes to the process alone.
 */
public final class LogFileProcess implements LabProcess {
    private static final long GRACE_MILLIS = 1000;
    private static final int OUTPUT_LIMIT = 64 * 1024;

    private final String host;
    private final Process process;
    private final Path log;
    private final boolean sessionLeader;

    /**
     * @param sessionLeader whether it was started with setsid: signals then go to its process group
     */
    public LogFileProcess(String host, Process process, Path log, boolean sessionLeader) {
        this.host = host;
        this.process = process;
        this.log = log;
        this.sessionLeader = sessionLeader;
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
        if (!process.isAlive()) {
            return;
        }
        if (sessionLeader) {
            Signals.group(pid(), signal);
        } else {
            Signals.process(pid(), signal);
        }
    }

    /** Waits until the process has exited; true when it did within the time. */
    public boolean awaitExit(long millis) {
        try {
            return process.waitFor(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The log's last 64 KB, read from its end (a daemon's log can be much longer). */
    @Override
    public String output() {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long from = Math.max(0, file.length() - OUTPUT_LIMIT);
            byte[] tail = new byte[(int) (file.length() - from)];
            file.seek(from);
            file.readFully(tail);
            return new String(tail, StandardCharsets.UTF_8);
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

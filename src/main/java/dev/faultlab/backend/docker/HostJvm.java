package dev.faultlab.backend.docker;

import dev.faultlab.LabException;
import dev.faultlab.backend.LabProcess;
import dev.faultlab.container.ContainerProcess;
import dev.faultlab.datapath.Signals;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A process the docker lab runs on this machine (its agent host), logging to a file; the lab ends it on close, and
 * the agent host also exits by itself once the lab's state directory is gone.
 */
final class HostJvm implements LabProcess {
    private static final long EXIT_WAIT_MILLIS = 5000;

    private final String host;
    private final Process process;
    private final Path log;

    private HostJvm(String host, Process process, Path log) {
        this.host = host;
        this.process = process;
        this.log = log;
    }

    static HostJvm start(String host, List<String> command, Path log) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return new HostJvm(host, process, log);
        } catch (IOException e) {
            throw new LabException("cannot start " + host + " (" + e.getMessage() + "): is java on the PATH?", e);
        }
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
            Signals.process(pid(), signal);
        }
    }

    /** The log's last {@link ContainerProcess#OUTPUT_LIMIT} bytes. */
    @Override
    public String output() {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long from = Math.max(0, file.length() - ContainerProcess.OUTPUT_LIMIT);
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
        process.destroyForcibly();
        try {
            process.waitFor(EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

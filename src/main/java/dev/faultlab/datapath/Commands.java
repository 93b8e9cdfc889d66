package dev.faultlab.datapath;

import dev.faultlab.backend.ExecResult;
import dev.faultlab.LabException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command (an argument list, never a shell string) to completion with a timeout, feeding it optional
 * standard input (how {@code ip -batch -} and {@code iptables-restore} receive their whole plan in one fork).
 */
public final class Commands {
    private Commands() {
    }

    public static ExecResult run(List<String> argv, String stdin, Duration timeout) {
        Process process;
        try {
            process = new ProcessBuilder(argv).start();
        } catch (IOException e) {
            throw new LabException(argv.get(0) + " cannot be run (" + e.getMessage() + "): run 'faultlab doctor'"
                    + " to see which package provides it", e);
        }
        StreamCollector out = new StreamCollector(process.getInputStream());
        StreamCollector err = new StreamCollector(process.getErrorStream());
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the command exited without reading its input; its exit code and stderr say why
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor();
                return new ExecResult(argv, 124, out.text(), err.text() + "timed out after " + timeout.toMillis() + " ms");
            }
            return new ExecResult(argv, process.exitValue(), out.text(), err.text());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while running " + String.join(" ", argv), e);
        }
    }

    public static ExecResult run(List<String> argv) {
        return run(argv, null, Duration.ofSeconds(30));
    }

    /**
     * Reads a stream on its own thread. {@link #text()} waits for the end of the stream only briefly: a command
     * may leave a background child holding the pipe open, and exec must still return when the command exits.
     */
    private static final class StreamCollector {
        private static final long LINGER_MILLIS = 1000;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final Thread reader;

        StreamCollector(InputStream stream) {
            reader = new Thread(() -> {
                byte[] chunk = new byte[8192];
                try (stream) {
                    int n;
                    while ((n = stream.read(chunk)) > 0) {
                        synchronized (buffer) {
                            buffer.write(chunk, 0, n);
                        }
                    }
                } catch (IOException e) {
                    // the stream closed under us; what was read is kept
                }
            }, "exec-output");
            reader.setDaemon(true);
            reader.start();
        }

        String text() throws InterruptedException {
            reader.join(LINGER_MILLIS);
            synchronized (buffer) {
                return buffer.toString(StandardCharsets.UTF_8);
            }
        }
    }
}

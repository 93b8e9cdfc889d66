package dev.faultlab.backend.netns;

import dev.faultlab.backend.ExecResult;
import dev.faultlab.backend.LabException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command (an argument list, never a shell string) to completion with a timeout, feeding it optional
 * standard input (how {@code ip -batch -} and {@code iptables-restore} receive their whole plan in one fork).
 */
final class Commands {
    private Commands() {
    }

    static ExecResult run(List<String> argv, String stdin, Duration timeout) {
        Process process;
        try {
            process = new ProcessBuilder(argv).start();
        } catch (IOException e) {
            throw new LabException(argv.get(0) + " cannot be run (" + e.getMessage() + "): run 'faultlab doctor'"
                    + " to see which package provides it", e);
        }
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
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
                return new ExecResult(argv, 124, out.join(), err.join() + "timed out after " + timeout.toMillis() + " ms");
            }
            return new ExecResult(argv, process.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while running " + String.join(" ", argv), e);
        }
    }

    static ExecResult run(List<String> argv) {
        return run(argv, null, Duration.ofSeconds(30));
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, runnable -> {
            Thread t = new Thread(runnable, "drain");
            t.setDaemon(true);
            t.start();
        });
    }
}

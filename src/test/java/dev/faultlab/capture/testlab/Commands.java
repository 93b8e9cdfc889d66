package dev.faultlab.capture.testlab;

import dev.faultlab.backend.ExecResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command (an argument list) to completion for test fixtures; output goes through files so it never blocks. */
public final class Commands {
    private Commands() {
    }

    public static ExecResult run(List<String> argv, Duration timeout) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("flcap-out", ".txt");
            err = Files.createTempFile("flcap-err", ".txt");
            Process process = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                return new ExecResult(argv, 124, Files.readString(out), "timed out after " + timeout);
            }
            return new ExecResult(argv, process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            return new ExecResult(argv, 127, "", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    public static ExecResult run(String... argv) {
        return run(List.of(argv), Duration.ofSeconds(30));
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

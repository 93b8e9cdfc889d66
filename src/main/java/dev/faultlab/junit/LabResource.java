package dev.faultlab.junit;

import dev.faultlab.backend.Cluster;
import dev.faultlab.scenario.RunOptions;
import dev.faultlab.scenario.ScenarioResult;
import dev.faultlab.scenario.ScenarioSession;
import dev.faultlab.scenario.report.ReportWriter;
import dev.faultlab.scenario.report.TextFiles;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One test's lab: a {@link ScenarioSession} opened on first use and closed by JUnit with the test's store,
 * whether the test passed, failed or was interrupted. A passing test leaves nothing behind (unless asked to);
 * a failing one leaves its captures, a snapshot of the moment it failed and a report in its output directory.
 */
final class LabResource implements AutoCloseable {
    private final LabRequest request;
    private final Path outputRoot;
    private final Path outDir;
    private final boolean keepAll;
    private ScenarioSession session;
    private ScenarioResult result;
    private boolean failed;
    private boolean closed;

    /** {@code outDir} lies below {@code outputRoot}; a passing test removes it and its emptied parents. */
    LabResource(LabRequest request, Path outputRoot, Path outDir, boolean keepAll) {
        this.request = request;
        this.outputRoot = outputRoot;
        this.outDir = outDir;
        this.keepAll = keepAll;
    }

    LabRequest request() {
        return request;
    }

    Path outDir() {
        return outDir;
    }

    /** The session, not yet started: a test may drive its steps itself. */
    ScenarioSession session() {
        if (session == null) {
            RunOptions options = request.run().apply(RunOptions.defaults(outDir).withBackend(request.backend()));
            session = ScenarioSession.open(request.run().scenario(), options);
        }
        return session;
    }

    /** The running lab, started now if the test has not started it. */
    Cluster cluster() {
        ScenarioSession s = session();
        return s.labStarted() ? s.cluster() : s.startLab();
    }

    /** The whole run to its verdict (from wherever the test left the session). */
    ScenarioResult result() {
        if (result == null) {
            result = session().runToVerdict();
        }
        return result;
    }

    /**
     * Keeps what explains a failed test: a host-state snapshot labelled {@code failure}, the flushed captures,
     * the diagnosis and report, and the failure itself. Best effort: what cannot be kept is added to the
     * failure as a suppressed exception, never replacing it.
     */
    void preserve(Throwable failure) {
        failed = true;
        TextFiles.write(outDir.resolve("test-failure.txt"), stackTrace(failure));
        if (session == null || !session.labStarted()) {
            return;
        }
        try {
            session.snapshot("failure");
            session.stopCaptures();
            if (result == null) {
                session.diagnose();
                result = session.result();
            }
            ReportWriter.write(result);
        } catch (RuntimeException e) {
            failure.addSuppressed(new IllegalStateException("faultlab kept only part of the failed lab in "
                    + outDir + ": " + e.getMessage(), e));
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (session != null) {
                if (keepAll && !failed && result != null) {
                    ReportWriter.write(result);
                }
                session.close();
            }
        } finally {
            if (!failed && !keepAll) {
                deleteTree(outDir);
                deleteEmptyParents(outDir);
            }
        }
    }


    private void deleteEmptyParents(Path dir) {
        for (Path p = dir.getParent(); p != null && !p.equals(outputRoot) && p.startsWith(outputRoot);
             p = p.getParent()) {
            if (!p.toFile().delete()) {
                return; // not empty: another test's artifacts are kept there
            }
        }
    }

    private static String stackTrace(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir + ": " + e.getMessage(), e);
        }
    }
}

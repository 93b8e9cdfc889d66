package dev.faultlab.backend.netns;

import dev.faultlab.datapath.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One lab's record on disk ({@code /run/faultlab/<labId>/} by default): who owns it (PID and start time), whether
 * {@code lab up} detached it, and every namespace and process it made. Entries are appended <em>before</em> the
 * thing is created, so a JVM killed halfway through still leaves a complete list for the reaper.
 */
final class LabStateDir {
    /** The environment variable that moves the state root ({@code BackendSettings#stateDir}). */
    static final String ROOT_ENV = "FAULTLAB_STATE_DIR";
    static final Path DEFAULT_ROOT = Path.of("/run/faultlab");

    private static final String OWNER = "owner";
    private static final String DETACHED = "detached";
    private static final String NAMESPACES = "namespaces";
    private static final String PROCESSES = "processes";
    private static final String SUMMARY = "summary";
    private static final String LOGS = "logs";

    private final Path dir;

    private LabStateDir(Path dir) {
        this.dir = dir;
    }

    static LabStateDir create(Path root, String labId, ProcessIdentity owner) {
        LabStateDir lab = new LabStateDir(root.resolve(labId));
        try {
            Files.createDirectories(lab.dir);
            // atomically: a reaper of a lab starting beside this one must never read an empty owner file
            AtomicFiles.write(lab.dir.resolve(OWNER), owner.format() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create lab state directory " + lab.dir + ": " + e.getMessage()
                    + " (set " + ROOT_ENV + " to a writable directory)", e);
        }
        return lab;
    }

    /** The record in {@code dir}, for a process that was handed its lab's directory (the agent host). */
    static LabStateDir at(Path dir) {
        return new LabStateDir(dir);
    }

    /** False once the lab's record was removed (or is being removed: its owner file is gone). */
    boolean exists() {
        return Files.isRegularFile(dir.resolve(OWNER));
    }

    static List<LabStateDir> all(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve(OWNER)))
                    .sorted().map(LabStateDir::new).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Optional<LabStateDir> find(Path root, String labId) {
        return all(root).stream().filter(l -> l.labId().equals(labId)).findFirst();
    }

    Path dir() {
        return dir;
    }

    String labId() {
        return dir.getFileName().toString();
    }

    Optional<ProcessIdentity> owner() {
        try {
            return lines(OWNER).stream().findFirst().map(ProcessIdentity::parse);
        } catch (UncheckedIOException e) {
            return Optional.empty(); // removed between listing and reading
        }
    }

    boolean detached() {
        return Files.exists(dir.resolve(DETACHED));
    }

    void markDetached() {
        append(DETACHED, "detached by lab up");
    }

    /**
     * A lab nobody will clean up: its owner JVM is gone and it was not deliberately left running. A lab whose owner
     * file is unreadable is being removed by its owner right now, so it is not stale either.
     */
    boolean stale() {
        return !detached() && owner().map(o -> !o.alive()).orElse(false);
    }

    void recordNamespace(String name) {
        append(NAMESPACES, name);
    }

    List<String> namespaces() {
        return lines(NAMESPACES).stream().distinct().toList();
    }

    void recordProcess(ProcessIdentity process) {
        append(PROCESSES, process.format());
    }

    List<ProcessIdentity> processes() {
        return lines(PROCESSES).stream().map(ProcessIdentity::parse).toList();
    }

    void writeSummary(String line) {
        append(SUMMARY, line);
    }

    String summary() {
        return String.join(" ", lines(SUMMARY));
    }

    void delete() {
        deleteAllBut(null);
    }

    /**
     * Deletes the record but keeps {@code <dir>/logs}, which a failed bring-up's error message points at. Without
     * its owner file the directory is no longer a lab: reapers and {@link #all(Path)} skip it.
     */
    void deleteKeepingLogs() {
        deleteAllBut(dir.resolve(LOGS));
    }

    private void deleteAllBut(Path kept) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                if (kept == null || !p.startsWith(kept) && !kept.startsWith(p)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove lab state directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private synchronized void append(String file, String line) {
        try {
            Files.writeString(dir.resolve(file), line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record lab state in " + dir + ": " + e.getMessage(), e);
        }
    }

    private List<String> lines(String file) {
        Path path = dir.resolve(file);
        try {
            return Files.exists(path)
                    ? Files.readAllLines(path).stream().filter(l -> !l.isBlank()).toList()
                    : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.faultlab.cli;

import dev.faultlab.capture.read.CaptureReader;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The captures and state directories {@code faultlab diagnose} reads. A directory argument is expanded: a scenario
 * run's output directory ({@code captures/*.pcapng} and {@code state/<label>/}) gives both; any other directory -
 * e.g. what {@code ci/collect-node-state.sh} wrote, with the customer's captures put beside it - gives every
 * snapshot directory in it (one with a {@code snapshot.json}, or with host directories) as state and every capture file in it (told by its
 * first bytes, whatever its name) as a capture. A tarball ({@code .tar}, gzip'd or not) of such a directory is
 * unpacked into a temporary directory first, removed by {@link #close()}.
 *
 * @param captures  capture files
 * @param stateDirs state snapshot directories
 * @param unpacked  temporary directories holding unpacked tarballs (removed on close)
 */
record DiagnoseInputs(List<Path> captures, List<Path> stateDirs, List<Path> unpacked) implements AutoCloseable {
    /** How deep a directory argument is searched (run/node/snapshot/host is three levels). */
    private static final int MAX_DEPTH = 4;
    /** A tarball is refused beyond this many bytes unpacked: the input is customer data, not trusted. */
    private static final long MAX_UNPACKED_BYTES = 64L << 30;
    private static final int TAR_MAGIC_OFFSET = 257;

    static DiagnoseInputs of(List<Path> arguments, List<Path> stateOptions) {
        List<Path> captures = new ArrayList<>();
        List<Path> states = new ArrayList<>(stateOptions);
        List<Path> unpacked = new ArrayList<>();
        try {
            for (Path argument : arguments) {
                Path dir = argument;
                if (!Files.isDirectory(argument)) {
                    if (!isTarball(argument)) {
                        captures.add(argument);
                        continue;
                    }
                    dir = unpack(argument);
                    unpacked.add(dir);
                }
                expand(argument, dir, captures, states);
            }
        } catch (RuntimeException e) {
            unpacked.forEach(DiagnoseInputs::delete);
            throw e;
        }
        return new DiagnoseInputs(List.copyOf(captures), List.copyOf(states), List.copyOf(unpacked));
    }

    private static void expand(Path argument, Path dir, List<Path> captures, List<Path> states) {
        Path run = dir.resolve("captures");
        if (Files.isDirectory(run) && Files.isDirectory(dir.resolve("state"))) {
            List<Path> found = children(run).stream().filter(Files::isRegularFile).filter(CaptureReader::isCapture)
                    .toList();
            if (found.isEmpty()) {
                throw new IllegalArgumentException(argument + ": no capture files in captures/; give capture files"
                        + " or a scenario run directory (with captures/ and state/)");
            }
            captures.addAll(found);
            states.addAll(children(dir.resolve("state")).stream().filter(Files::isDirectory).toList());
            return;
        }
        List<Path> snapshots = new ArrayList<>();
        List<Path> found = new ArrayList<>();
        for (Path p : walk(dir)) {
            if (Files.isDirectory(p) && !insideAny(p, snapshots) && isSnapshot(p)) {
                snapshots.add(p);
            } else if (Files.isRegularFile(p) && !insideAny(p, snapshots) && CaptureReader.isCapture(p)) {
                found.add(p);
            }
        }
        if (isSnapshot(dir)) {
            // the argument is itself a snapshot (what --state takes): the walk, which starts below it, cannot see it
            snapshots.add(0, dir);
        }
        if (found.isEmpty() && snapshots.isEmpty()) {
            throw new IllegalArgumentException(argument + ": no capture files and no state snapshot (snapshot.json)"
                    + " in it; give capture files, a directory written by collect-node-state.sh, or a scenario run"
                    + " directory");
        }
        captures.addAll(found);
        states.addAll(snapshots);
    }

    /** A snapshot directory: its snapshot.json, or host directories (with a host.json) in it. */
    private static boolean isSnapshot(Path dir) {
        return Files.isRegularFile(dir.resolve("snapshot.json"))
                || children(dir).stream().anyMatch(c -> Files.isRegularFile(c.resolve("host.json")));
    }

    /** Host files inside a snapshot are state, not captures (and are not even opened). */
    private static boolean insideAny(Path file, List<Path> snapshots) {
        return snapshots.stream().anyMatch(file::startsWith);
    }

    /** Every path under {@code dir} in name order, parents before children. */
    private static List<Path> walk(Path dir) {
        try (Stream<Path> tree = Files.walk(dir, MAX_DEPTH)) {
            return tree.filter(p -> !p.equals(dir)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot list (" + e.getMessage() + ")", e);
        }
    }

    private static List<Path> children(Path dir) {
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot list (" + e.getMessage() + ")", e);
        }
    }

    /** A tar archive, gzip'd or not: "ustar" at byte 257 of the (decompressed) start. */
    private static boolean isTarball(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = tarInput(file)) {
            byte[] head = in.readNBytes(TAR_MAGIC_OFFSET + 5);
            return head.length == TAR_MAGIC_OFFSET + 5 && "ustar".equals(new String(head, TAR_MAGIC_OFFSET, 5,
                    StandardCharsets.US_ASCII));
        } catch (IOException notATarball) {
            return false;
        }
    }

    private static InputStream tarInput(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        byte[] magic = in.readNBytes(2);
        in.reset();
        boolean gzip = Arrays.equals(magic, new byte[]{0x1f, (byte) 0x8b});
        return gzip ? new GZIPInputStream(in, 1 << 16) : in;
    }

    /**
     * Unpacks regular files and directories (no links, nothing outside the target) into a new temporary
     * directory.
     */
    private static Path unpack(Path tarball) {
        Path target;
        try {
            target = Files.createTempDirectory("faultlab-diagnose-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory to unpack " + tarball + ": "
                    + e.getMessage(), e);
        }
        long total = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(tarInput(tarball))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target) || !(entry.isDirectory() || entry.isFile())) {
                    continue;
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                total += entry.getSize();
                if (total > MAX_UNPACKED_BYTES) {
                    throw new IllegalArgumentException(tarball + ": unpacks to more than "
                            + (MAX_UNPACKED_BYTES >> 30) + " GB; unpack it yourself and pass the directory");
                }
                Files.createDirectories(out.getParent());
                Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            delete(target);
            throw new IllegalArgumentException(tarball + ": cannot unpack (" + e.getMessage() + "); check that the"
                    + " tarball is complete, or unpack it yourself and pass the directory");
        } catch (RuntimeException e) {
            delete(target);
            throw e;
        }
        return target;
    }

    private static void delete(Path dir) {
        try (Stream<Path> tree = Files.walk(dir, FileVisitOption.values())) {
            tree.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: it is a temporary directory
        }
    }

    /** Removes the unpacked tarballs. */
    @Override
    public void close() {
        unpacked.forEach(DiagnoseInputs::delete);
    }
}

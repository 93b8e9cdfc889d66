package dev.faultlab.reproduce;

import dev.faultlab.detect.state.HostSnapshot;
import dev.faultlab.detect.state.HostStateReader;
import dev.faultlab.detect.state.HostStates;
import dev.faultlab.detect.state.StateSnapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What the customer handed over: capture files and state snapshot directories, from capture files, {@code --state}
 * directories, a bundle directory ({@code captures/} and {@code state/<label>/}, as
 * {@code collect-node-state.sh --bundle} and scenario runs write it) or a bundle tarball (unpacked into a work
 * directory). What a bundle lacks is said in {@link #gaps()}, one line each, with what reproduce can still do.
 *
 * @param captures  capture files
 * @param stateDirs snapshot directories, earliest first
 * @param gaps      one line per missing part of a bundle
 */
public record CustomerEvidence(List<Path> captures, List<Path> stateDirs, List<String> gaps) {
    private static final String CAPTURE_NAME = ".*\\.(pcap|pcapng|cap)$";
    private static final long UNPACK_SECONDS = 60;

    public CustomerEvidence {
        captures = List.copyOf(captures);
        stateDirs = List.copyOf(stateDirs);
        gaps = List.copyOf(gaps);
    }

    /**
     * Resolves the command line's inputs. Throws {@link IllegalArgumentException} (one line) when an input cannot
     * be read or nothing usable is left.
     */
    public static CustomerEvidence of(List<Path> inputs, List<Path> stateOptions, Path workDir) {
        List<Path> captures = new ArrayList<>();
        List<Path> states = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                throw new IllegalArgumentException(input + ": no such file or directory; give capture files, a bundle"
                        + " directory or the .tar.gz that collect-node-state.sh --bundle wrote");
            }
            Path dir = isTarball(input) ? unpack(input, workDir) : input;
            if (Files.isDirectory(dir)) {
                readDirectory(input, dir, captures, states, gaps);
            } else {
                captures.add(dir);
            }
        }
        for (Path state : stateOptions) {
            if (!Files.isDirectory(state)) {
                throw new IllegalArgumentException(state + ": --state needs a snapshot directory (one sub-directory"
                        + " per host), such as the -o directory of collect-node-state.sh");
            }
            states.add(state);
        }
        if (captures.isEmpty() && states.isEmpty()) {
            throw new IllegalArgumentException("nothing to reproduce from: " + String.join("; ", gaps.isEmpty()
                    ? List.of("give capture files, --state DIR, or a bundle") : gaps));
        }
        return new CustomerEvidence(captures, states, gaps);
    }

    private static void readDirectory(Path input, Path dir, List<Path> captures, List<Path> states, List<String> gaps) {
        Path captureDir = dir.resolve("captures");
        Path stateDir = dir.resolve("state");
        boolean bundle = Files.isDirectory(captureDir) || Files.isDirectory(stateDir);
        if (!bundle) {
            List<Path> found = files(dir, CAPTURE_NAME);
            if (found.isEmpty()) {
                throw new IllegalArgumentException(input + ": neither a bundle (captures/ and state/) nor a directory"
                        + " of *.pcap/*.pcapng files; pass state snapshot directories with --state DIR");
            }
            captures.addAll(found);
            return;
        }
        List<Path> found = Files.isDirectory(captureDir) ? files(captureDir, CAPTURE_NAME) : List.of();
        if (found.isEmpty()) {
            gaps.add(input + ": the bundle has no captures (captures/*.pcap): reproduce works from its state alone,"
                    + " so only causes that host state shows (route-missing, vxlan-stale-neighbor, listen-overflow"
                    + " counters) can be named, and sizes and ports keep the scenario's defaults");
        }
        captures.addAll(found);
        List<Path> snapshots = Files.isDirectory(stateDir)
                ? children(stateDir).stream().filter(Files::isDirectory).sorted(CustomerEvidence::byLabel).toList()
                : List.of();
        if (snapshots.isEmpty()) {
            gaps.add(input + ": the bundle has no state (state/before, state/after): reproduce works from the captures"
                    + " alone, so backlog, sysctls and device MTUs keep the scenario's defaults");
        } else if (snapshots.size() == 1) {
            gaps.add(input + ": the bundle has one snapshot (" + snapshots.get(0).getFileName() + "): counters are"
                    + " read as totals since boot, not as what rose during the capture");
        }
        states.addAll(snapshots);
    }

    /** {@code before} sorts before {@code after}; other labels by name after them. */
    private static int byLabel(Path a, Path b) {
        return Integer.compare(rank(a), rank(b)) != 0 ? Integer.compare(rank(a), rank(b)) : a.compareTo(b);
    }

    private static int rank(Path snapshot) {
        String name = snapshot.getFileName().toString();
        return name.equals("before") ? 0 : name.equals("after") ? 1 : 2;
    }

    private static boolean isTarball(Path input) {
        String name = input.getFileName().toString();
        return Files.isRegularFile(input) && (name.endsWith(".tar.gz") || name.endsWith(".tgz"));
    }

    /** Unpacks a bundle tarball with tar (an argument list, bounded in time); returns the bundle's directory. */
    private static Path unpack(Path tarball, Path workDir) {
        Path target = workDir.resolve("bundle-" + tarball.getFileName().toString().replaceAll("\\.(tar\\.gz|tgz)$", ""));
        try {
            Files.createDirectories(target);
            Process tar = new ProcessBuilder("tar", "-xzf", tarball.toAbsolutePath().toString(), "-C",
                    target.toAbsolutePath().toString(), "--no-same-owner").redirectErrorStream(true).start();
            boolean done = tar.waitFor(UNPACK_SECONDS, TimeUnit.SECONDS);
            String said = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!done) {
                tar.destroyForcibly();
                throw new IllegalArgumentException(tarball + ": unpacking took over " + UNPACK_SECONDS
                        + " s; unpack it yourself and pass the directory");
            }
            if (tar.exitValue() != 0) {
                throw new IllegalArgumentException(tarball + ": not a readable bundle (tar: "
                        + said.lines().findFirst().orElse("exit " + tar.exitValue()) + "); give the .tar.gz that"
                        + " collect-node-state.sh --bundle wrote, or its unpacked directory");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(tarball + ": cannot unpack into " + target + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted unpacking " + tarball, e);
        }
        List<Path> top = children(target);
        return top.size() == 1 && Files.isDirectory(top.get(0)) ? top.get(0) : target;
    }

    /** The state of every host, as the detectors read it (earliest and latest snapshots). */
    public HostStates states() {
        HostStateReader reader = new HostStateReader();
        List<StateSnapshot> snapshots = stateDirs.stream().map(reader::read).toList();
        return HostStates.of(snapshots);
    }

    /** Every host of the latest snapshots. */
    public Collection<HostSnapshot> hosts() {
        return states().latestHosts();
    }

    /** The first host (latest snapshot) whose state satisfies {@code test}. */
    public Optional<HostSnapshot> host(Predicate<HostSnapshot> test) {
        return hosts().stream().filter(test).findFirst();
    }

    private static List<Path> files(Path dir, String pattern) {
        return children(dir).stream().filter(Files::isRegularFile)
                .filter(p -> p.getFileName().toString().matches(pattern)).toList();
    }

    private static List<Path> children(Path dir) {
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot list (" + e.getMessage() + ")", e);
        }
    }
}

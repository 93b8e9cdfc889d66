package dev.faultlab.capture.state;

import dev.faultlab.capture.layout.LabHosts;
import dev.faultlab.capture.layout.StateFile;
import dev.faultlab.capture.layout.HostRole;
import dev.faultlab.capture.layout.SnapshotInfo;
import dev.faultlab.capture.layout.HostDescription;
import dev.faultlab.capture.layout.StateLayout;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.faultlab.backend.Cluster;
import dev.faultlab.backend.ExecResult;
import dev.faultlab.topology.ClusterLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a host-state snapshot ({@link StateLayout}) of lab hosts. Every command runs through
 * {@link Cluster#exec}, so the same collector works on every backend. Commands of all hosts run in parallel
 * on a small bounded pool (they are short reads of kernel state; a whole 3-node lab takes well under a second).
 */
public final class HostStateCollector implements StateCollector {
    /** Enough to overlap process start-up on 2 cores without flooding the machine with forks. */
    public static final int DEFAULT_PARALLELISM = 8;
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(20);

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Cluster cluster;
    private final int parallelism;
    private final Duration commandTimeout;

    public HostStateCollector(Cluster cluster) {
        this(cluster, DEFAULT_PARALLELISM, DEFAULT_COMMAND_TIMEOUT);
    }

    public HostStateCollector(Cluster cluster, int parallelism, Duration commandTimeout) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism " + parallelism + " must be at least 1");
        }
        this.cluster = cluster;
        this.parallelism = parallelism;
        this.commandTimeout = commandTimeout;
    }

    /** Snapshots every node, pod and client of the lab. */
    @Override
    public CollectedSnapshot snapshotAll(Path stateDir, String label) {
        return snapshot(stateDir, label, LabHosts.names(cluster.layout()));
    }

    /**
     * Snapshots {@code hosts} into {@code stateDir}. A file whose command fails is left out and reported in
     * {@link CollectedSnapshot#warnings()}: one broken tool must not cost the rest of the evidence.
     *
     * @throws IllegalArgumentException for a host the lab does not have
     */
    public CollectedSnapshot snapshot(Path stateDir, String label, List<String> hosts) {
        ClusterLayout layout = cluster.layout();
        Instant takenAt = Instant.now();
        // describe every host first, so an unknown name fails before anything is written
        List<HostDescription> described = hosts.stream().map(host -> HostDescription.of(layout, host)).toList();
        List<Path> files = Collections.synchronizedList(new ArrayList<>());
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        files.add(writeJson(stateDir.resolve(StateLayout.SNAPSHOT_JSON),
                new SnapshotInfo(takenAt.toString(), layout.labId(), label)));
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (HostDescription host : described) {
                Path hostDir = stateDir.resolve(host.name());
                files.add(writeJson(hostDir.resolve(StateLayout.HOST_JSON), host));
                if (host.role() == HostRole.NODE) {
                    tasks.add(pool.submit(() -> writeAgentState(host.name(), hostDir, files, warnings)));
                }
                for (StateFile file : StateLayout.commandFilesFor(host.role())) {
                    tasks.add(pool.submit(() -> writeCommandFile(host.name(), hostDir, file, files, warnings)));
                }
            }
            awaitAll(tasks);
        } finally {
            pool.shutdownNow();
        }
        List<Path> sorted = files.stream().sorted().toList();
        return new CollectedSnapshot(stateDir, label, takenAt, sorted, warnings);
    }

    private void writeCommandFile(String host, Path hostDir, StateFile file, List<Path> files, List<String> warnings) {
        try {
            ExecResult result = cluster.exec(host, file.argv(), commandTimeout);
            if (!result.ok()) {
                warnings.add(host + "/" + file.name() + ": " + file.argv().get(0) + " exited " + result.exitCode()
                        + firstLine(result.stderr()));
                return;
            }
            files.add(writeText(hostDir.resolve(file.name()), result.stdout()));
        } catch (RuntimeException e) {
            warnings.add(host + "/" + file.name() + ": " + e.getMessage());
        }
    }

    private void writeAgentState(String node, Path hostDir, List<Path> files, List<String> warnings) {
        try {
            files.add(writeText(hostDir.resolve(StateLayout.AGENT_JSON), cluster.agent(node).stateJson()));
        } catch (RuntimeException e) {
            warnings.add(node + "/" + StateLayout.AGENT_JSON + ": " + e.getMessage());
        }
    }

    private static void awaitAll(List<Future<?>> tasks) {
        try {
            for (Future<?> task : tasks) {
                task.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while collecting host state", e);
        } catch (ExecutionException e) {
            // the tasks catch their own failures; anything here is a bug worth seeing
            throw new IllegalStateException("host-state task failed: " + e.getCause(), e.getCause());
        }
    }

    private static String firstLine(String stderr) {
        String line = stderr.strip().lines().findFirst().orElse("");
        return line.isEmpty() ? "" : ": " + line;
    }

    private static Path writeJson(Path file, Object value) {
        try {
            return writeText(file, JSON.writeValueAsString(value) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static Path writeText(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}

package dev.faultlab.capture.state;

import dev.faultlab.backend.Cluster;
import dev.faultlab.backend.ExecResult;
import dev.faultlab.backend.LabProcess;
import dev.faultlab.topology.NodeInfo;
import dev.faultlab.topology.PodInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The customer path in a lab: runs {@code ci/collect-node-state.sh} itself inside each node's namespace, as an
 * engineer runs it on a node ({@code -n NODE}, one {@code -p POD=PID} per pod of that node). Each pod's PID is a
 * {@code sleep} the lab starts in the pod, as a container's process would be. Works on backends whose hosts
 * share this machine's file system (netns); clients are not nodes and are not collected, as on a real cluster.
 * No API server answers in a lab: KUBECONFIG points at a missing file, so kubectl fails fast and the script
 * falls back to the node's own state, as on a node without kubectl.
 */
public final class ScriptStateCollector implements StateCollector {
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration PID_WAIT = Duration.ofSeconds(5);

    private final Cluster cluster;

    public ScriptStateCollector(Cluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public CollectedSnapshot snapshotAll(Path stateDir, String label) {
        Instant takenAt = Instant.now();
        List<String> warnings = new ArrayList<>();
        for (NodeInfo node : cluster.layout().nodes()) {
            List<PodInfo> pods = cluster.layout().pods().stream().filter(p -> p.node().equals(node.name())).toList();
            List<LabProcess> holders = new ArrayList<>();
            try {
                List<String> argv = new ArrayList<>(List.of("env", "KUBECONFIG=" + stateDir.resolve("no-kubeconfig"),
                        "bash", CollectNodeStateScript.PATH.toAbsolutePath().toString(), "-o", stateDir.toString(),
                        "-l", label, "-n", node.name()));
                for (PodInfo pod : pods) {
                    LabProcess holder = cluster.start(pod.name(), List.of("sleep", "120"));
                    holders.add(holder);
                    argv.addAll(List.of("-p", pod.name() + "=" + pidInNamespace(pod.name(), holder)));
                }
                ExecResult result = cluster.exec(node.name(), argv, SCRIPT_TIMEOUT);
                if (!result.ok()) {
                    throw new IllegalStateException("collect-node-state.sh on " + node.name() + " exited "
                            + result.exitCode() + ": " + result.stderr());
                }
                result.stderr().lines().filter(l -> l.contains("skipped")).forEach(warnings::add);
            } finally {
                holders.forEach(LabProcess::close);
            }
        }
        return new CollectedSnapshot(stateDir, label, takenAt, files(stateDir), warnings);
    }

    /** The holder's PID once it runs in the pod's namespace (it execs through 'ip netns exec' first). */
    long pidInNamespace(String pod, LabProcess holder) {
        String podNamespace = cluster.exec(pod, "readlink", "/proc/self/ns/net").orThrow().stdout().strip();
        long deadline = System.nanoTime() + PID_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (Files.readSymbolicLink(Path.of("/proc", Long.toString(holder.pid()), "ns", "net")).toString()
                        .equals(podNamespace)) {
                    return holder.pid();
                }
            } catch (IOException notYetOrGone) {
                // the exec chain is still starting; look again
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for a process in " + pod, e);
            }
        }
        throw new IllegalStateException("no process of " + pod + " entered its namespace within " + PID_WAIT
                + ": " + holder.output());
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}

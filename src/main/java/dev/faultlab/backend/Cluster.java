package dev.faultlab.backend;

import dev.faultlab.capture.CaptureRequest;
import dev.faultlab.capture.LiveCapture;
import dev.faultlab.topology.ClusterLayout;

import java.time.Duration;
import java.util.List;

/**
 * A running lab cluster, whichever backend built it. Deliberately small: faults, workloads, captures and
 * host-state snapshots are written against this interface only, so they are shared by every backend.
 * Hosts are addressed by the names in {@link #layout()} (nodes, pods, clients).
 */
public interface Cluster extends AutoCloseable {
    /** The lab's unique id; everything the lab made on the host carries it. */
    default String id() {
        return layout().labId();
    }

    ClusterLayout layout();

    /** Runs a command in a host and waits for it; never through a shell. */
    ExecResult exec(String host, List<String> argv, Duration timeout);

    default ExecResult exec(String host, String... argv) {
        return exec(host, List.of(argv), Duration.ofSeconds(30));
    }

    /** Starts a long-running command in a host; the lab tracks it and ends it on close. */
    LabProcess start(String host, List<String> argv);

    /** The routing or flannel agent of a node. */
    NodeAgent agent(String node);

    /** Starts a live capture in a host; the returned capture is tracked and stopped on close. */
    LiveCapture capture(String host, CaptureRequest request);

    /** Removes everything the lab made. Idempotent; also runs on test failure and JVM shutdown. */
    @Override
    void close();
}

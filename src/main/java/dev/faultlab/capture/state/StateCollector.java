package dev.faultlab.capture.state;

import dev.faultlab.capture.layout.StateLayout;
import java.nio.file.Path;

/**
 * Writes a host-state snapshot of every lab host in the {@link StateLayout}. Two ways exist: the lab's own
 * {@link HostStateCollector} (commands through the backend) and the customer script
 * {@code ci/collect-node-state.sh} run inside the lab's node namespaces (a root test does that, to prove the
 * customer path names the same causes as the lab's).
 */
public interface StateCollector {
    /** Snapshots every node, pod and client into {@code stateDir} under {@code label}. */
    CollectedSnapshot snapshotAll(Path stateDir, String label);
}

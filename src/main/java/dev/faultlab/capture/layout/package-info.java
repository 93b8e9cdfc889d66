/**
 * The host-state layout, defined once: which files a snapshot holds ({@link dev.faultlab.capture.layout.StateLayout}),
 * the host's description ({@link dev.faultlab.capture.layout.HostDescription}) and the snapshot's own
 * ({@link dev.faultlab.capture.layout.SnapshotInfo}). The lab's collector (capture.state), the customer script
 * {@code ci/collect-node-state.sh} (kept equal by a test) and the reader (detect.state) all use it; it sits below
 * both so that reading state never depends on the machinery that collects it.
 */
package dev.faultlab.capture.layout;

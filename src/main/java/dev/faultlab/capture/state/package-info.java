/**
 * Host-state snapshots, written: the one definition of the layout ({@link dev.faultlab.capture.state.StateLayout},
 * {@link dev.faultlab.capture.state.HostDescription}, {@link dev.faultlab.capture.state.SnapshotInfo}) that the
 * lab's {@link dev.faultlab.capture.state.HostStateCollector}, the customer script {@code ci/collect-node-state.sh}
 * and the detect side's reader share.
 */
package dev.faultlab.capture.state;

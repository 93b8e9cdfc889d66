/**
 * Host-state snapshots, written: the lab's {@link dev.faultlab.capture.state.HostStateCollector} takes them through
 * a cluster's exec seam, in the layout defined once in {@link dev.faultlab.capture.layout}, which the customer
 * script {@code ci/collect-node-state.sh} and the detect side's reader share.
 */
package dev.faultlab.capture.state;

/**
 * Host-state snapshots, read: {@link dev.faultlab.detect.state.HostStateReader} turns a state directory (from the
 * lab or from {@code ci/collect-node-state.sh}) into typed records, and
 * {@link dev.faultlab.detect.state.HostStates} answers the detectors' questions across snapshots (which node owns
 * an address, what a counter did: {@link dev.faultlab.detect.state.CounterReading}).
 */
package dev.faultlab.detect.state;

package dev.faultlab.detect.detectors;

import dev.faultlab.detect.state.HostStates;

/**
 * One nstat counter of one host as the snapshots allow reading it: a rise between two snapshots, or (with a
 * single snapshot) an absolute value since boot, which says nothing about when the events happened.
 *
 * @param value     the rise, or the absolute value
 * @param sinceBoot true when only one snapshot exists, so {@code value} is absolute
 */
record CounterReading(long value, boolean sinceBoot) {
    static CounterReading of(HostStates states, String host, String counter) {
        boolean single = states.earliest(host).orElse(null) == states.latest(host).orElse(null);
        return new CounterReading(states.counterRise(host, counter), single);
    }

    /** True when the counter rose between two snapshots: the events happened during the incident. */
    boolean rose() {
        return !sinceBoot && value > 0;
    }

    /** {@code TcpExtListenOverflows rose by 36} or {@code TcpExtListenOverflows = 36 since boot (one snapshot)}. */
    String describe(String counter) {
        return sinceBoot ? counter + " = " + value + " since boot (one snapshot)" : counter + " rose by " + value;
    }
}

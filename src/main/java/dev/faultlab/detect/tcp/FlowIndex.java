package dev.faultlab.detect.tcp;

import java.util.HashMap;
import java.util.Map;

/**
 * An index from 4-tuples ({@link FlowKey}, either direction) to non-negative numbers (the owner's slot of the
 * value), for the tracker's per-packet lookups: two IPv4 endpoints are looked up by their numbers in a {@link
 * LongPairIndex} (no object reached), other keys (IPv6, mixed) in a HashMap.
 */
final class FlowIndex {
    private final LongPairIndex ipv4 = new LongPairIndex();
    private final Map<FlowKey, Integer> others = new HashMap<>();

    int size() {
        return ipv4.size() + others.size();
    }

    /** The value of {@code key}, or -1. */
    int get(FlowKey key) {
        if (key.ipv4) {
            return ipv4.get(key.low, key.high);
        }
        Integer value = others.get(key);
        return value == null ? -1 : value;
    }

    /** Whether adding one more IPv4 key grows the table (see {@link LongPairIndex#growsOnNextAdd}). */
    boolean ipv4GrowsOnNextAdd() {
        return ipv4.growsOnNextAdd();
    }

    /** Adds {@code key} (absent; a stored copy, not a reused probe) with {@code value} (>= 0). */
    void add(FlowKey key, int value) {
        if (key.ipv4) {
            ipv4.add(key.low, key.high, value);
        } else {
            others.put(key, value);
        }
    }

    /** Removes every IPv4 key whose value is marked, in one pass (see {@link LongPairIndex#removeMarked}). */
    int removeIpv4Marked(boolean[] marked) {
        return ipv4.removeMarked(marked);
    }

    /** Removes {@code key}; returns its value, or -1 when it was not there. */
    int remove(FlowKey key) {
        if (key.ipv4) {
            return ipv4.remove(key.low, key.high);
        }
        Integer value = others.remove(key);
        return value == null ? -1 : value;
    }
}

package dev.faultlab.detect.tcp;

import java.util.HashMap;
import java.util.Map;

/**
 * An index from 4-tuples ({@link FlowKey}, either direction) to non-negative numbers (the owner's slot of the
 * value), for the tracker's per-packet lookups: two IPv4 endpoints are looked up by their numbers in a {@link
 * LongPairIndex} (no object reached), other keys (IPv6, mixed) in a HashMap.
 *
 * <p>Two indexes may share one IPv4 table ({@link #sharingIndex()}) when a key is in at most one of them at a time:
 * the tracker's live conversations and its recently closed 4-tuples. A 4-tuple moves between them (a finished
 * conversation is remembered as closed, a new one takes the closed entry of its 4-tuple), and each move was a
 * lookup in a second table of 10^4-10^5 entries, a cache miss; in one table the second lookup finds the place the
 * first one just read. Each value carries its index's side in its lowest bit.
 */
final class FlowIndex {
    private final LongPairIndex ipv4;
    /** 0 or 1: the lowest bit of this index's values in {@link #ipv4}. */
    private final int side;
    private int ipv4Size;
    private final Map<FlowKey, Integer> others = new HashMap<>();

    FlowIndex() {
        this(new LongPairIndex(), 0);
    }

    private FlowIndex(LongPairIndex ipv4, int side) {
        this.ipv4 = ipv4;
        this.side = side;
    }

    /**
     * A second index over this one's IPv4 table, for keys never held by both at once (adding a key the other holds
     * fails); its own other keys and size. At most one per table.
     */
    FlowIndex sharingIndex() {
        return new FlowIndex(ipv4, 1 - side);
    }

    int size() {
        return ipv4Size + others.size();
    }

    /** The value of {@code key}, or -1. */
    int get(FlowKey key) {
        if (key.ipv4) {
            return ipv4Value(key.low, key.high);
        }
        Integer value = others.get(key);
        return value == null ? -1 : value;
    }

    /** Adds {@code key} (absent; a stored copy, not a reused probe) with {@code value} (>= 0). */
    void add(FlowKey key, int value) {
        if (key.ipv4) {
            if (ipv4.get(key.low, key.high) >= 0) {
                throw new IllegalStateException(key + " is held by the index sharing this one's table");
            }
            ipv4.add(key.low, key.high, value << 1 | side);
            ipv4Size++;
        } else {
            others.put(key, value);
        }
    }

    /** Removes the IPv4 key of these numbers ({@link FlowKey#low}, {@link FlowKey#high}); as {@link #remove}. */
    int removeIpv4(long low, long high) {
        int value = ipv4Value(low, high);
        if (value >= 0) {
            // the same place again, just read: no second cache miss
            ipv4.remove(low, high);
            ipv4Size--;
        }
        return value;
    }

    /** Removes {@code key}; returns its value, or -1 when it was not there. */
    int remove(FlowKey key) {
        if (key.ipv4) {
            return removeIpv4(key.low, key.high);
        }
        Integer value = others.remove(key);
        return value == null ? -1 : value;
    }

    private int ipv4Value(long low, long high) {
        int stored = ipv4.get(low, high);
        return stored >= 0 && (stored & 1) == side ? stored >>> 1 : -1;
    }
}

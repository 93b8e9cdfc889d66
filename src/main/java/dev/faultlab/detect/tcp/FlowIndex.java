package dev.faultlab.detect.tcp;

/**
 * An open-addressing hash index from 4-tuples ({@link FlowKey}, either direction) to non-negative numbers (the
 * owner's slot of the value), for the tracker's per-packet lookups: keys of two IPv4 endpoints live inline in
 * primitive arrays, so a lookup touches one or two cache lines and nothing per entry is allocated (a HashMap
 * reaches a node, a key object and its addresses, each a likely cache miss in a map of 10^5 entries, and keeps
 * three objects per entry alive through several collections). Other keys (IPv6) are kept as objects and compared
 * with {@link FlowKey#equals}. Linear probing at most half full; removal shifts the following run back, so no
 * tombstones accumulate.
 */
final class FlowIndex {
    private static final int FIRST_CAPACITY = 1024;

    private long[] lows = new long[FIRST_CAPACITY];
    private long[] highs = new long[FIRST_CAPACITY];
    private int[] hashes = new int[FIRST_CAPACITY];
    /** The key of a non-IPv4 entry; null for IPv4 ones (their numbers are the key). */
    private FlowKey[] others = new FlowKey[FIRST_CAPACITY];
    /** The value + 1; 0 marks an empty place. */
    private int[] values = new int[FIRST_CAPACITY];
    private int mask = FIRST_CAPACITY - 1;
    private int size;

    int size() {
        return size;
    }

    /** The value of {@code key}, or -1. */
    int get(FlowKey key) {
        int at = find(key);
        return at < 0 ? -1 : values[at] - 1;
    }

    /**
     * Adds {@code key} (absent; the index keeps {@code key} itself when it is not IPv4, so pass a copy, not a
     * reused probe) with {@code value} (>= 0).
     */
    void add(FlowKey key, int value) {
        if ((size + 1) * 2 > values.length) {
            grow();
        }
        int at = key.hashCode() & mask;
        while (values[at] != 0) {
            at = at + 1 & mask;
        }
        lows[at] = key.low;
        highs[at] = key.high;
        hashes[at] = key.hashCode();
        others[at] = key.ipv4 ? null : key;
        values[at] = value + 1;
        size++;
    }

    /** Removes {@code key}; returns its value, or -1 when it was not there. */
    int remove(FlowKey key) {
        int at = find(key);
        if (at < 0) {
            return -1;
        }
        int value = values[at] - 1;
        int hole = at;
        for (int next = hole + 1 & mask; values[next] != 0; next = next + 1 & mask) {
            int home = hashes[next] & mask;
            boolean stays = hole <= next ? hole < home && home <= next : hole < home || home <= next;
            if (!stays) {
                move(next, hole);
                hole = next;
            }
        }
        values[hole] = 0;
        others[hole] = null;
        size--;
        return value;
    }

    private int find(FlowKey key) {
        int hash = key.hashCode();
        for (int at = hash & mask; values[at] != 0; at = at + 1 & mask) {
            if (hashes[at] == hash && lows[at] == key.low && highs[at] == key.high
                    && (key.ipv4 ? others[at] == null : key.equals(others[at]))) {
                return at;
            }
        }
        return -1;
    }

    private void move(int from, int to) {
        lows[to] = lows[from];
        highs[to] = highs[from];
        hashes[to] = hashes[from];
        others[to] = others[from];
        values[to] = values[from];
    }

    private void grow() {
        long[] oldLows = lows;
        long[] oldHighs = highs;
        int[] oldHashes = hashes;
        FlowKey[] oldOthers = others;
        int[] oldValues = values;
        int capacity = oldValues.length * 2;
        lows = new long[capacity];
        highs = new long[capacity];
        hashes = new int[capacity];
        others = new FlowKey[capacity];
        values = new int[capacity];
        mask = capacity - 1;
        for (int i = 0; i < oldValues.length; i++) {
            if (oldValues[i] != 0) {
                int at = oldHashes[i] & mask;
                while (values[at] != 0) {
                    at = at + 1 & mask;
                }
                lows[at] = oldLows[i];
                highs[at] = oldHighs[i];
                hashes[at] = oldHashes[i];
                others[at] = oldOthers[i];
                values[at] = oldValues[i];
            }
        }
    }
}

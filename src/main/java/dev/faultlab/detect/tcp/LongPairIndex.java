package dev.faultlab.detect.tcp;

/**
 * An open-addressing hash index from keys of two longs to non-negative ints (the owner's slot of the value), for
 * lookups made on every packet: the tracker's conversations by IPv4 4-tuple ({@link FlowIndex}), the detectors'
 * per-packet lookups by IPv4 address pair or flight. Each place is three adjacent longs of one array - the key,
 * then its hash and the value - so a lookup reads one cache line, mostly, and nothing per entry is allocated: a
 * HashMap reaches a node, a key object and the key's addresses, each a likely cache miss in a map of 10^4-10^5
 * entries, and keeps those objects alive through several collections. Linear probing at most half full; removal
 * shifts the following run back, so no tombstones accumulate.
 *
 * <p>Beside the table, a byte per place holds 7 bits of the hash of its key (0: empty), and a probe reads those
 * first: a key that is absent is answered without reaching the table (24 times larger, a cache miss per lookup),
 * and an addition finds its empty place there too. The tracker asks the index once per new connection, mostly for
 * a 4-tuple it has never seen.
 */
public final class LongPairIndex {
    private static final int FIRST_CAPACITY = 1024;
    private static final int WIDTH = 3;
    private static final long VALUE_BITS = 0xffffffffL;

    /** Per place: the key's two longs, then hash << 32 | (value + 1); a last word of 0 marks an empty place. */
    private long[] table = new long[FIRST_CAPACITY * WIDTH];
    /** Per place: {@link #tag} of its key's hash, or 0 when the place is empty (as the table's last word). */
    private byte[] tags = new byte[FIRST_CAPACITY];
    private int capacity = FIRST_CAPACITY;
    private int size;

    public int size() {
        return size;
    }

    /** The value of the key {@code (a, b)}, or -1. */
    public int get(long a, long b) {
        int at = find(a, b);
        return at < 0 ? -1 : (int) (table[at * WIDTH + 2] & VALUE_BITS) - 1;
    }

    /** Whether {@link #add} of one more key doubles the table first (it stays at most half full). */
    public boolean growsOnNextAdd() {
        return (size + 1) * 2 > capacity;
    }

    /** Adds the key {@code (a, b)}, which must be absent, with {@code value} (>= 0). */
    public void add(long a, long b, int value) {
        if (growsOnNextAdd()) {
            grow();
        }
        int hash = hash(a, b);
        int at = hash & capacity - 1;
        while (tags[at] != 0) {
            at = at + 1 & capacity - 1;
        }
        place(at, a, b, (long) hash << 32 | value + 1L);
        size++;
    }

    /** Removes the key {@code (a, b)}; returns its value, or -1 when it was not there. */
    public int remove(long a, long b) {
        int at = find(a, b);
        if (at < 0) {
            return -1;
        }
        int value = (int) (table[at * WIDTH + 2] & VALUE_BITS) - 1;
        removeAt(at);
        return value;
    }

    /**
     * Removes every key whose value {@code v} is marked ({@code marked[v]}, every value below its length), in one
     * pass over the table in place order (no lookups: an owner that forgets many keys at once saves a cache miss per
     * key; and an array read, not a predicate: an interface call per entry that C1 does not inline); returns how
     * many.
     */
    public int removeMarked(boolean[] marked) {
        if (size == 0) {
            return 0;
        }
        int mask = capacity - 1;
        // from an empty place (at most half are full): no run of places crosses it, so the shifts that close the
        // holes move entries back within their run, to places this pass has not yet left behind
        int start = 0;
        while (table[start * WIDTH + 2] != 0) {
            start++;
        }
        int removed = 0;
        for (int i = 1; i < capacity; i++) {
            int at = start + i & mask;
            long last = table[at * WIDTH + 2];
            while (last != 0 && marked[(int) (last & VALUE_BITS) - 1]) {
                removeAt(at); // the place takes the run's next entry (tested in turn) or empties
                removed++;
                last = table[at * WIDTH + 2];
            }
        }
        return removed;
    }

    /** Empties place {@code at}, shifting the rest of its run back so no probe breaks (no tombstones). */
    private void removeAt(int at) {
        int mask = capacity - 1;
        int hole = at;
        for (int next = hole + 1 & mask; table[next * WIDTH + 2] != 0; next = next + 1 & mask) {
            int home = (int) (table[next * WIDTH + 2] >>> 32) & mask;
            boolean stays = hole <= next ? hole < home && home <= next : hole < home || home <= next;
            if (!stays) {
                place(hole, table[next * WIDTH], table[next * WIDTH + 1], table[next * WIDTH + 2]);
                hole = next;
            }
        }
        table[hole * WIDTH + 2] = 0;
        tags[hole] = 0;
        size--;
    }

    /** Removes everything (the table keeps its size). */
    public void clear() {
        java.util.Arrays.fill(table, 0);
        java.util.Arrays.fill(tags, (byte) 0);
        size = 0;
    }

    private int find(long a, long b) {
        int hash = hash(a, b);
        byte tag = tag(hash);
        int mask = capacity - 1;
        for (int at = hash & mask; ; at = at + 1 & mask) {
            byte placed = tags[at];
            if (placed == 0) {
                return -1;
            }
            if (placed == tag && (int) (table[at * WIDTH + 2] >>> 32) == hash && table[at * WIDTH] == a
                    && table[at * WIDTH + 1] == b) {
                return at;
            }
        }
    }

    /** 7 bits of {@code hash} that the place (its low bits) does not use, never 0. */
    private static byte tag(int hash) {
        return (byte) (hash >>> 24 | 0x80);
    }

    /** Mixes every bit of both longs into the low bits the table uses (cluster addresses differ in a few bits). */
    private static int hash(long a, long b) {
        long h = (a * 0x9E3779B97F4A7C15L ^ b) * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 29;
        return (int) (h ^ h >>> 32);
    }

    private void place(int at, long a, long b, long last) {
        table[at * WIDTH] = a;
        table[at * WIDTH + 1] = b;
        table[at * WIDTH + 2] = last;
        tags[at] = tag((int) (last >>> 32));
    }

    private void grow() {
        long[] old = table;
        int oldCapacity = capacity;
        capacity *= 2;
        table = new long[capacity * WIDTH];
        tags = new byte[capacity];
        for (int i = 0; i < oldCapacity; i++) {
            long last = old[i * WIDTH + 2];
            if (last != 0) {
                int at = (int) (last >>> 32) & capacity - 1;
                while (table[at * WIDTH + 2] != 0) {
                    at = at + 1 & capacity - 1;
                }
                place(at, old[i * WIDTH], old[i * WIDTH + 1], last);
            }
        }
    }
}

package dev.faultlab.detect.detectors;

/**
 * The segments one sender transmitted and the receiver has not acknowledged yet, in the order first sent, with
 * their end sequence number and wire size. Behaves as the {@code LinkedHashMap<Long, (end, wire)>} keyed by
 * starting sequence number it replaces: sending a sequence number again updates its entry in place (it keeps its
 * place in the order), and past {@code kept} entries the eldest is forgotten. Primitive arrays in a ring instead
 * of a map entry, a box and a record per segment: every data segment and every ACK of a capture passes here.
 * Entries removed out of order (SACKed) leave a hole that is skipped and reclaimed when it reaches the front.
 */
final class OutstandingSegments {
    private final int kept;
    private long[] seqs = new long[4];
    private long[] ends = new long[4];
    private int[] wires = new int[4];
    private boolean[] removed = new boolean[4];
    /** Ring positions: the eldest slot (live or hole) and the number of slots in use, holes included. */
    private int head;
    private int used;
    private int live;
    /** The furthest starting sequence number appended while any entry lived: none starts after it. */
    private long furthestSeq;

    OutstandingSegments(int kept) {
        this.kept = kept;
    }

    boolean isEmpty() {
        return live == 0;
    }

    /** Records a transmission of {@code [seq, end)}: updates the entry of {@code seq} in place, or appends one. */
    void sent(long seq, long end, int wire) {
        if (live > 0 && !SegmentFlight.before(furthestSeq, seq)) {
            for (int i = 0; i < used; i++) {
                int slot = slot(i);
                if (!removed[slot] && seqs[slot] == seq) {
                    ends[slot] = end;
                    wires[slot] = wire;
                    return;
                }
            }
        }
        if (used == seqs.length) {
            makeRoom();
        }
        if (live == 0 || SegmentFlight.before(furthestSeq, seq)) {
            furthestSeq = seq;
        }
        int slot = slot(used++);
        seqs[slot] = seq;
        ends[slot] = end;
        wires[slot] = wire;
        removed[slot] = false;
        live++;
        if (live > kept) {
            removeEldest();
        }
    }

    /** The number of live entries. */
    int size() {
        return live;
    }

    /**
     * Removes, eldest first, the entries that end at or before {@code ack}, up to the first that does not, and
     * records them delivered at {@code nanos} on {@code path} when known (segments are remembered in sequence
     * order, so a later ACK collects any re-segmented piece left behind).
     */
    void acknowledge(long ack, PathTraffic path, long nanos) {
        while (live > 0) {
            dropHolesAtFront();
            if (SegmentFlight.before(ack, ends[head])) {
                return;
            }
            delivered(path, nanos, wires[head]);
            removeFront();
        }
    }

    /** Removes every entry inside {@code [left, right)} (a SACK block), in order, recorded as {@link #acknowledge}. */
    void sacked(long left, long right, PathTraffic path, long nanos) {
        for (int i = 0; i < used; i++) {
            int slot = slot(i);
            if (!removed[slot] && !SegmentFlight.before(seqs[slot], left) && !SegmentFlight.before(right, ends[slot])) {
                delivered(path, nanos, wires[slot]);
                removed[slot] = true;
                live--;
            }
        }
        if (live == 0) {
            head = 0;
            used = 0;
        }
    }

    private static void delivered(PathTraffic path, long nanos, int wire) {
        if (path != null) {
            path.delivered(nanos, wire);
        }
    }

    private int slot(int i) {
        return (head + i) & seqs.length - 1;
    }

    private void removeEldest() {
        dropHolesAtFront();
        removeFront();
    }

    private void dropHolesAtFront() {
        while (used > 0 && removed[head]) {
            head = head + 1 & seqs.length - 1;
            used--;
        }
    }

    private void removeFront() {
        removed[head] = true;
        live--;
        head = head + 1 & seqs.length - 1;
        used--;
        if (live == 0) {
            head = 0;
            used = 0;
        }
    }

    /**
     * A full ring: copies the live entries, in order, to the front of a new one, twice as long unless holes
     * (SACKed entries behind a lost one) took half of it: memory follows the live entries, not the holes.
     */
    private void makeRoom() {
        int length = live > seqs.length / 2 ? seqs.length * 2 : seqs.length;
        long[] s = new long[length];
        long[] e = new long[length];
        int[] w = new int[length];
        int n = 0;
        for (int i = 0; i < used; i++) {
            int slot = slot(i);
            if (!removed[slot]) {
                s[n] = seqs[slot];
                e[n] = ends[slot];
                w[n++] = wires[slot];
            }
        }
        seqs = s;
        ends = e;
        wires = w;
        removed = new boolean[length];
        head = 0;
        used = n;
    }
}

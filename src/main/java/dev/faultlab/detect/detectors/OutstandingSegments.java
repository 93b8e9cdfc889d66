package dev.faultlab.detect.detectors;

/**
 * The segments one sender transmitted and the receiver has not acknowledged yet, in the order first sent, with
 * their end sequence number and wire size. Behaves as the {@code LinkedHashMap<Long, (end, wire)>} keyed by
 * starting sequence number it replaces: sending a sequence number again updates its entry in place (it keeps its
 * place in the order), and past {@code kept} entries the eldest is forgotten. Primitive arrays in a ring instead
 * of a map entry, a box and a record per segment: every data segment and every ACK of a capture passes here.
 * Entries removed out of order (SACKed) leave a hole that is skipped and reclaimed when it reaches the front.
 * A slot's start and end sit in two adjacent longs of one array and a hole is a marked wire size, so an ACK
 * reads two arrays, not four (a flight's arrays are a cache miss each in a capture of 10^4-10^5 connections).
 */
final class OutstandingSegments {
    private final int kept;
    private static final int FIRST = 4;
    /** The wire size of a hole (a removed entry); real ones are -1 (unknown) or more. */
    private static final int REMOVED = Integer.MIN_VALUE;
    /** Slot i's starting sequence number at 2i, its end at 2i + 1. */
    private long[] ranges = new long[2 * FIRST];
    private int[] wires = new int[FIRST];
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
                if (wires[slot] != REMOVED && ranges[2 * slot] == seq) {
                    ranges[2 * slot + 1] = end;
                    wires[slot] = wire;
                    return;
                }
            }
        }
        if (used == wires.length) {
            makeRoom();
        }
        if (live == 0 || SegmentFlight.before(furthestSeq, seq)) {
            furthestSeq = seq;
        }
        int slot = slot(used++);
        ranges[2 * slot] = seq;
        ranges[2 * slot + 1] = end;
        wires[slot] = wire;
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
            if (SegmentFlight.before(ack, ranges[2 * head + 1])) {
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
            if (wires[slot] != REMOVED && !SegmentFlight.before(ranges[2 * slot], left)
                    && !SegmentFlight.before(right, ranges[2 * slot + 1])) {
                delivered(path, nanos, wires[slot]);
                wires[slot] = REMOVED;
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
        return (head + i) & wires.length - 1;
    }

    private void removeEldest() {
        dropHolesAtFront();
        removeFront();
    }

    private void dropHolesAtFront() {
        while (used > 0 && wires[head] == REMOVED) {
            head = head + 1 & wires.length - 1;
            used--;
        }
    }

    private void removeFront() {
        wires[head] = REMOVED;
        live--;
        head = head + 1 & wires.length - 1;
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
        int length = live > wires.length / 2 ? wires.length * 2 : wires.length;
        long[] r = new long[2 * length];
        int[] w = new int[length];
        int n = 0;
        for (int i = 0; i < used; i++) {
            int slot = slot(i);
            if (wires[slot] != REMOVED) {
                r[2 * n] = ranges[2 * slot];
                r[2 * n + 1] = ranges[2 * slot + 1];
                w[n++] = wires[slot];
            }
        }
        ranges = r;
        wires = w;
        head = 0;
        used = n;
    }
}

package dev.faultlab.detect.detectors;

/**
 * The segments one sender transmitted and the receiver has not acknowledged yet, in the order first sent, with
 * their end sequence number and wire size. Behaves as the {@code LinkedHashMap<Long, (end, wire)>} keyed by
 * starting sequence number it replaces: sending a sequence number again updates its entry in place (it keeps its
 * place in the order), and past {@code kept} entries the eldest is forgotten. Primitive arrays in a ring instead
 * of a map entry, a box and a record per segment: every data segment and every ACK of a capture passes here.
 * Entries removed out of order (SACKed) leave a hole that is skipped and reclaimed when it reaches the front.
 * A slot is three adjacent ints of one array - start, end (32-bit sequence numbers) and wire size - and a hole is a
 * marked wire size, so an ACK reads one array (a flight's arrays are a cache miss each in a capture of 10^4-10^5
 * connections), and a flight's first segments cost one small array, not two.
 */
final class OutstandingSegments {
    private final int kept;
    private static final int FIRST = 4;
    /** The wire size of a hole (a removed entry); real ones are -1 (unknown) or more. */
    private static final int REMOVED = Integer.MIN_VALUE;
    private static final int START = 0;
    private static final int END = 1;
    private static final int WIRE = 2;
    /** Slot i's starting sequence number at 3i, its end at 3i + 1, its wire size at 3i + 2. */
    private int[] slots = new int[3 * FIRST];
    /** The number of slots (a power of two). */
    private int length = FIRST;
    /** Ring positions: the eldest slot (live or hole) and the number of slots in use, holes included. */
    private int head;
    private int used;
    private int live;
    /** The furthest starting sequence number appended while any entry lived: none starts after it. */
    private long furthestSeq;

    OutstandingSegments(int kept) {
        this.kept = kept;
    }

    /** Forgets every entry: what a new one holds (the ring keeps its length, which decides nothing kept). */
    void clear() {
        head = 0;
        used = 0;
        live = 0;
        furthestSeq = 0;
    }

    boolean isEmpty() {
        return live == 0;
    }

    /** Records a transmission of {@code [seq, end)}: updates the entry of {@code seq} in place, or appends one. */
    void sent(long seq, long end, int wire) {
        if (live > 0 && !SegmentFlight.before(furthestSeq, seq)) {
            for (int i = 0; i < used; i++) {
                int at = 3 * slot(i);
                if (slots[at + WIRE] != REMOVED && slots[at + START] == (int) seq) {
                    slots[at + END] = (int) end;
                    slots[at + WIRE] = wire;
                    return;
                }
            }
        }
        if (used == length) {
            makeRoom();
        }
        if (live == 0 || SegmentFlight.before(furthestSeq, seq)) {
            furthestSeq = seq;
        }
        int at = 3 * slot(used++);
        slots[at + START] = (int) seq;
        slots[at + END] = (int) end;
        slots[at + WIRE] = wire;
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
            if (SegmentFlight.before(ack, slots[3 * head + END])) {
                return;
            }
            delivered(path, nanos, slots[3 * head + WIRE]);
            removeFront();
        }
    }

    /** Removes every entry inside {@code [left, right)} (a SACK block), in order, recorded as {@link #acknowledge}. */
    void sacked(long left, long right, PathTraffic path, long nanos) {
        for (int i = 0; i < used; i++) {
            int at = 3 * slot(i);
            if (slots[at + WIRE] != REMOVED && !SegmentFlight.before(slots[at + START], left)
                    && !SegmentFlight.before(right, slots[at + END])) {
                delivered(path, nanos, slots[at + WIRE]);
                slots[at + WIRE] = REMOVED;
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
        return (head + i) & length - 1;
    }

    private void removeEldest() {
        dropHolesAtFront();
        removeFront();
    }

    private void dropHolesAtFront() {
        while (used > 0 && slots[3 * head + WIRE] == REMOVED) {
            head = head + 1 & length - 1;
            used--;
        }
    }

    private void removeFront() {
        slots[3 * head + WIRE] = REMOVED;
        live--;
        head = head + 1 & length - 1;
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
        int grown = live > length / 2 ? length * 2 : length;
        int[] s = new int[3 * grown];
        int n = 0;
        for (int i = 0; i < used; i++) {
            int at = 3 * slot(i);
            if (slots[at + WIRE] != REMOVED) {
                System.arraycopy(slots, at, s, 3 * n++, 3);
            }
        }
        slots = s;
        length = grown;
        head = 0;
        used = n;
    }
}

package dev.faultlab.detect.detectors;

import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * What crossed one direction of a path (a pair of addresses in one capture), in time order: packet sizes that
 * the far end acknowledged (delivered), sizes the capture saw (arrived, which is "delivered" when the capture
 * is the receiver's), and when the far end itself sent anything. Capped: beyond {@value #KEPT} entries of a
 * series the later ones are not counted, which keeps a black hole's onset.
 *
 * <p>Memory follows live connections, not the file's size: the series are only ever asked about entries at or
 * after an onset (the first loss of a stall, or the opening of a hole, on a flight sending on this path), so
 * entries older than every onset that is or can still be reported are dropped: those of the attached flights'
 * open or finished stalls and holes, those kept by {@link #keepFrom}, and anything a future packet could start
 * (the capture's {@code noEarlierThan}: its newest packet's time less a reordering slack). A full array drops
 * them before it grows; {@link #prune} also shrinks an idle path's. The counts asked for are unchanged, since the
 * cap counts entries added, stored or not.
 */
final class PathTraffic {
    private static final int KEPT = 50_000;
    /** The kinds of entries, kept in one array (see {@link #entries}): each counted against its own cap. */
    private static final int DELIVERED = 0;
    private static final int ARRIVED = 1;
    private static final int REPLY = 2;
    private static final int FIRST = 16;
    /** The earliest time a packet still to come in this path's capture can have ({@link Long#MIN_VALUE}: any). */
    private final LongSupplier noEarlierThan;

    /** Counts of sizes below and at-or-above a threshold after a moment. */
    record SizeCounts(int smaller, int largestSmaller, int atOrAbove) {
    }

    /**
     * The delivered, arrived and reply series as one: (time, kind and size) in file order, each entry in two
     * adjacent longs - time at 2i, {@code kind << 32 | size} at 2i + 1. An entry is added for nearly every TCP
     * packet, and a path is first touched once per connection of a busy capture: one array is one cache miss where
     * three series objects and their arrays were six.
     */
    private long[] entries = new long[2 * FIRST];
    private int n;
    /**
     * The entries' length in entries, and the time of the last one (when n > 0), in fields of this object, which an
     * entry added reads anyway: the array's length and its previous entry sit on other cache lines than the place
     * written, and a path's array is cold at each connection's first packets on it.
     */
    private int capacity = FIRST;
    private long lastNanos;
    /**
     * Whether the entries' times never go back (a capture in time order): dropping what is before a bound is then
     * dropping a prefix, found by bisection and closed by one array copy instead of a pass over every entry.
     */
    private boolean inOrder = true;
    /** Entries added per kind, dropped ones too, for the cap. */
    private int deliveredAdded;
    private int arrivedAdded;
    private int repliesAdded;
    /**
     * The flights sending on this path that are still followed ({@link #flightCount} of them, in places 0, 1, ...):
     * their stalls and holes may become onsets. The first two places are fields, the rest an array made when a
     * third is attached: connections one after the other attach and detach one or two flights per path, and the
     * path itself is reached anyway; an array of its own would be one more cold object per attach and detach.
     */
    private SegmentFlight flight0;
    private SegmentFlight flight1;
    /** Places 2, 3, ... (null until needed). */
    private SegmentFlight[] moreFlights;
    private int flightCount;
    /** The earliest onset of a stall or hole already reported from this path (flights no longer followed). */
    private long keepSince = Long.MAX_VALUE;
    /** The path of the same two addresses the other way, once both were looked up together (or null). */
    private PathTraffic reverse;

    PathTraffic(LongSupplier noEarlierThan) {
        this.noEarlierThan = noEarlierThan;
    }

    void delivered(long nanos, int wire) {
        if (deliveredAdded < KEPT && wire >= 0) {
            deliveredAdded++;
            add(nanos, DELIVERED, wire);
        }
    }

    void arrived(long nanos, int wire) {
        if (arrivedAdded < KEPT && wire >= 0) {
            arrivedAdded++;
            add(nanos, ARRIVED, wire);
        }
    }

    /** The far end sent a packet back on this path. */
    void reply(long nanos) {
        if (repliesAdded < KEPT) {
            repliesAdded++;
            add(nanos, REPLY, 0);
        }
    }

    SizeCounts deliveredAfter(long nanos, int threshold) {
        return after(DELIVERED, nanos, threshold);
    }

    SizeCounts arrivedAfter(long nanos, int threshold) {
        return after(ARRIVED, nanos, threshold);
    }

    int repliesAfter(long nanos) {
        return after(REPLY, nanos, Integer.MAX_VALUE).smaller();
    }

    /** The path the other way, when linked ({@link #linkReverse}); paths are never dropped, so it stays right. */
    PathTraffic reverse() {
        return reverse;
    }

    /** Links this path and the one of the same addresses the other way (the same one for an address to itself). */
    void linkReverse(PathTraffic other) {
        reverse = other;
        other.reverse = this;
    }

    /** A flight now sends on this path: its stalls and holes keep the entries after their onsets. */
    void attach(SegmentFlight flight) {
        flight.pathSlot = flightCount;
        place(flightCount++, flight);
    }

    /** The flight is no longer followed (its stalls and holes, if reportable, went to {@link #keepFrom}). */
    void detach(SegmentFlight flight) {
        int slot = flight.pathSlot;
        SegmentFlight last = attached(--flightCount);
        place(flightCount, null);
        if (last != flight) {
            place(slot, last);
            last.pathSlot = slot;
        }
        flight.pathSlot = -1;
    }

    /** The flight attached in place {@code slot}. */
    private SegmentFlight attached(int slot) {
        return slot == 0 ? flight0 : slot == 1 ? flight1 : moreFlights[slot - 2];
    }

    /** Puts {@code flight} (or null) in place {@code slot}, at most one past the last used. */
    private void place(int slot, SegmentFlight flight) {
        if (slot == 0) {
            flight0 = flight;
        } else if (slot == 1) {
            flight1 = flight;
        } else {
            if (moreFlights == null) {
                moreFlights = new SegmentFlight[2];
            } else if (slot - 2 == moreFlights.length) {
                moreFlights = Arrays.copyOf(moreFlights, 2 * moreFlights.length);
            }
            moreFlights[slot - 2] = flight;
        }
    }

    /** A stall or hole that may be reported starts at {@code nanos}: the entries from then on stay. */
    void keepFrom(long nanos) {
        keepSince = Math.min(keepSince, nanos);
    }

    /** Drops the entries no onset can reach (see the class comment) and shrinks an array that became mostly empty. */
    void prune() {
        if (n == 0) {
            return;
        }
        dropBefore(bound(), true);
    }

    /** Entries before this time cannot be asked about: none is at or after an onset, past or to come. */
    private long bound() {
        long bound = Math.min(noEarlierThan.getAsLong(), keepSince);
        for (int i = 0; i < flightCount; i++) {
            bound = Math.min(bound, attached(i).earliestOnset());
        }
        return bound;
    }

    /** A full array first drops what no onset can reach, and grows only when that did not free half of it. */
    private void add(long nanos, int kind, int size) {
        if (n == capacity) {
            dropBefore(bound(), false);
            if (n > capacity / 2) {
                entries = Arrays.copyOf(entries, entries.length * 2);
                capacity *= 2;
            }
        }
        if (n > 0 && nanos < lastNanos) {
            inOrder = false;
        }
        entries[2 * n] = nanos;
        entries[2 * n + 1] = (long) kind << 32 | size;
        n++;
        lastNanos = nanos;
    }

    /** Keeps the entries at or after {@code bound}, in order; may shrink an array that became mostly empty. */
    private void dropBefore(long bound, boolean shrink) {
        if (inOrder) {
            int first = firstAtOrAfter(bound);
            System.arraycopy(entries, 2 * first, entries, 0, 2 * (n - first));
            n -= first;
        } else {
            int kept = 0;
            for (int i = 0; i < n; i++) {
                if (entries[2 * i] >= bound) {
                    entries[2 * kept] = entries[2 * i];
                    entries[2 * kept + 1] = entries[2 * i + 1];
                    kept++;
                }
            }
            n = kept;
        }
        if (shrink && capacity > FIRST && n < capacity / 4) {
            int length = Math.max(FIRST, Integer.highestOneBit(Math.max(1, n)) * 2);
            entries = Arrays.copyOf(entries, 2 * length);
            capacity = length;
        }
        if (n > 0) {
            lastNanos = entries[2 * n - 2]; // the last one kept (out of order, the last added may be gone)
        }
    }

    /** The index of the first entry at or after {@code nanos} (or n), the entries being in time order. */
    private int firstAtOrAfter(long nanos) {
        int low = 0;
        int high = n;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (entries[2 * middle] < nanos) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private SizeCounts after(int kind, long nanos, int threshold) {
        int smaller = 0;
        int largest = 0;
        int above = 0;
        for (int i = 0; i < n; i++) {
            long value = entries[2 * i + 1];
            if (entries[2 * i] < nanos || (int) (value >>> 32) != kind) {
                continue;
            }
            int size = (int) value;
            if (size < threshold) {
                smaller++;
                largest = Math.max(largest, size);
            } else {
                above++;
            }
        }
        return new SizeCounts(smaller, largest, above);
    }
}

package dev.faultlab.detect.detectors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * (the capture's {@code noEarlierThan}: its newest packet's time less a reordering slack). A full series drops
 * them before it grows; {@link #prune} also shrinks an idle path's. The counts asked for are unchanged, since the
 * cap counts entries added, stored or not.
 */
final class PathTraffic {
    private static final int KEPT = 50_000;
    /** The earliest time a packet still to come in this path's capture can have ({@link Long#MIN_VALUE}: any). */
    private final LongSupplier noEarlierThan;

    /** Counts of sizes below and at-or-above a threshold after a moment. */
    record SizeCounts(int smaller, int largestSmaller, int atOrAbove) {
    }

    private final Series delivered = new Series();
    private final Series arrived = new Series();
    private final Series replies = new Series();
    /** The flights sending on this path that are still followed: their stalls and holes may become onsets. */
    private final List<SegmentFlight> flights = new ArrayList<>(2);
    /** The earliest onset of a stall or hole already reported from this path (flights no longer followed). */
    private long keepSince = Long.MAX_VALUE;

    PathTraffic(LongSupplier noEarlierThan) {
        this.noEarlierThan = noEarlierThan;
    }

    void delivered(long nanos, int wire) {
        delivered.add(nanos, wire);
    }

    void arrived(long nanos, int wire) {
        arrived.add(nanos, wire);
    }

    /** The far end sent a packet back on this path. */
    void reply(long nanos) {
        replies.add(nanos, 0);
    }

    SizeCounts deliveredAfter(long nanos, int threshold) {
        return delivered.after(nanos, threshold);
    }

    SizeCounts arrivedAfter(long nanos, int threshold) {
        return arrived.after(nanos, threshold);
    }

    int repliesAfter(long nanos) {
        return replies.after(nanos, Integer.MAX_VALUE).smaller();
    }

    /** A flight now sends on this path: its stalls and holes keep the entries after their onsets. */
    void attach(SegmentFlight flight) {
        flight.pathSlot = flights.size();
        flights.add(flight);
    }

    /** The flight is no longer followed (its stalls and holes, if reportable, went to {@link #keepFrom}). */
    void detach(SegmentFlight flight) {
        int slot = flight.pathSlot;
        SegmentFlight last = flights.remove(flights.size() - 1);
        if (last != flight) {
            flights.set(slot, last);
            last.pathSlot = slot;
        }
        flight.pathSlot = -1;
    }

    /** A stall or hole that may be reported starts at {@code nanos}: the entries from then on stay. */
    void keepFrom(long nanos) {
        keepSince = Math.min(keepSince, nanos);
    }

    /** Drops the entries no onset can reach (see the class comment) and shrinks arrays that became mostly empty. */
    void prune() {
        if (delivered.n + arrived.n + replies.n == 0) {
            return;
        }
        long bound = bound();
        delivered.dropBefore(bound, true);
        arrived.dropBefore(bound, true);
        replies.dropBefore(bound, true);
    }

    /** Entries before this time cannot be asked about: none is at or after an onset, past or to come. */
    private long bound() {
        long bound = Math.min(noEarlierThan.getAsLong(), keepSince);
        for (int i = 0; i < flights.size(); i++) {
            bound = Math.min(bound, flights.get(i).earliestOnset());
        }
        return bound;
    }

    /**
     * (time, size) pairs in file order in a growing array, each pair in two adjacent longs (an entry is added for
     * nearly every TCP packet, and one array is one cache miss where a times and a sizes array were two);
     * {@link #added} counts dropped ones too, for the cap. A full series first drops what no onset can reach, and
     * grows only when that did not free half of it.
     */
    private final class Series {
        private static final int FIRST = 16;
        /** Entry i's time at 2i, its size at 2i + 1. */
        private long[] entries = new long[2 * FIRST];
        private int n;
        private int added;

        private int capacity() {
            return entries.length / 2;
        }

        void add(long nanos, int size) {
            if (added == KEPT || size < 0) {
                return; // full, or a super-frame whose wire size is unknown
            }
            added++;
            if (n == capacity()) {
                dropBefore(bound(), false);
                if (n > capacity() / 2) {
                    entries = Arrays.copyOf(entries, entries.length * 2);
                }
            }
            entries[2 * n] = nanos;
            entries[2 * n + 1] = size;
            n++;
        }

        /** Keeps the entries at or after {@code bound}, in order; may shrink arrays that became mostly empty. */
        void dropBefore(long bound, boolean shrink) {
            int kept = 0;
            for (int i = 0; i < n; i++) {
                if (entries[2 * i] >= bound) {
                    entries[2 * kept] = entries[2 * i];
                    entries[2 * kept + 1] = entries[2 * i + 1];
                    kept++;
                }
            }
            n = kept;
            if (shrink && capacity() > FIRST && n < capacity() / 4) {
                int length = Math.max(FIRST, Integer.highestOneBit(Math.max(1, n)) * 2);
                entries = Arrays.copyOf(entries, 2 * length);
            }
        }

        SizeCounts after(long nanos, int threshold) {
            int smaller = 0;
            int largest = 0;
            int above = 0;
            for (int i = 0; i < n; i++) {
                if (entries[2 * i] < nanos) {
                    continue;
                }
                int size = (int) entries[2 * i + 1];
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
}

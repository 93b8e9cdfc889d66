package dev.faultlab.detect.detectors;

import java.util.Arrays;

/**
 * What crossed one direction of a path (a pair of addresses in one capture), in time order: packet sizes that
 * the far end acknowledged (delivered), sizes the capture saw (arrived, which is "delivered" when the capture
 * is the receiver's), and when the far end itself sent anything. Bounded: beyond the cap the earliest entries
 * are kept, which is where a black hole's onset is.
 */
final class PathTraffic {
    private static final int KEPT = 50_000;

    /** Counts of sizes below and at-or-above a threshold after a moment. */
    record SizeCounts(int smaller, int largestSmaller, int atOrAbove) {
    }

    private final Series delivered = new Series();
    private final Series arrived = new Series();
    private final Series replies = new Series();

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

    /** Time-ordered (time, size) pairs in growing arrays. */
    private static final class Series {
        private long[] times = new long[16];
        private int[] sizes = new int[16];
        private int n;

        void add(long nanos, int size) {
            if (n == KEPT || size < 0) {
                return; // full, or a super-frame whose wire size is unknown
            }
            if (n == times.length) {
                times = Arrays.copyOf(times, n * 2);
                sizes = Arrays.copyOf(sizes, n * 2);
            }
            times[n] = nanos;
            sizes[n++] = size;
        }

        SizeCounts after(long nanos, int threshold) {
            int smaller = 0;
            int largest = 0;
            int above = 0;
            for (int i = 0; i < n; i++) {
                if (times[i] < nanos) {
                    continue;
                }
                if (sizes[i] < threshold) {
                    smaller++;
                    largest = Math.max(largest, sizes[i]);
                } else {
                    above++;
                }
            }
            return new SizeCounts(smaller, largest, above);
        }
    }
}

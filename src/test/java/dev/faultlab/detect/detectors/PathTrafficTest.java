package dev.faultlab.detect.detectors;

import dev.faultlab.capture.read.IpHeader;
import dev.faultlab.capture.read.Packet;
import dev.faultlab.capture.read.TcpHeader;
import dev.faultlab.capture.read.TcpOptions;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A path's series are pruned to what an onset can still reach: every question asked from an onset at or after
 * the pruning bound gets the answer an unpruned twin gives, the cap still counts pruned entries, and a flight's
 * open stall holds the bound back.
 */
class PathTrafficTest {
    private static final long SECOND = 1_000_000_000L;

    /** The time packets still to come cannot be before, for the pruned path (the twin never prunes). */
    private long noEarlierThan = Long.MIN_VALUE;
    private final PathTraffic pruned = new PathTraffic(() -> noEarlierThan);
    private final PathTraffic whole = new PathTraffic(() -> Long.MIN_VALUE);

    /**
     * Feeds both paths the same random traffic, one second of it per step, the pruned one told that nothing
     * older than {@code pruneBehind} before the step's start can come, and pruned after each step.
     */
    private void feed(long seconds, long pruneBehind) {
        feed(seconds, pruneBehind, false);
    }

    /** {@link #feed(long, long)}, each step's times in order when {@code ordered} (a capture in time order). */
    private void feed(long seconds, long pruneBehind, boolean ordered) {
        Random random = new Random(7);
        for (long s = 0; s < seconds; s++) {
            noEarlierThan = s * SECOND - pruneBehind;
            long[] times = new long[50];
            for (int i = 0; i < times.length; i++) {
                // in order, some entries share a time (the bound can fall on a run of equal times)
                times[i] = s * SECOND + (ordered ? random.nextInt(40) * 25_000_000L : random.nextInt(1_000_000_000));
            }
            if (ordered) {
                java.util.Arrays.sort(times);
            }
            for (long t : times) {
                int size = 40 + random.nextInt(1460);
                for (PathTraffic p : new PathTraffic[] {pruned, whole}) {
                    p.delivered(t, size);
                    p.arrived(t, size);
                    p.reply(t);
                }
            }
            pruned.prune();
        }
    }

    private void assertSameFrom(long onset) {
        for (int threshold : new int[] {100, 700, 1400, 1500}) {
            assertThat(pruned.deliveredAfter(onset, threshold)).isEqualTo(whole.deliveredAfter(onset, threshold));
            assertThat(pruned.arrivedAfter(onset, threshold)).isEqualTo(whole.arrivedAfter(onset, threshold));
        }
        assertThat(pruned.repliesAfter(onset)).isEqualTo(whole.repliesAfter(onset));
    }

    @Test
    void answersFromAnOnsetTheBoundStillReachesAreUnchanged() {
        pruned.keepFrom(30 * SECOND + 123);
        whole.keepFrom(30 * SECOND + 123);
        feed(200, 2 * SECOND);
        for (long onset : new long[] {30 * SECOND + 123, 31 * SECOND, 150 * SECOND, 198 * SECOND}) {
            assertSameFrom(onset);
        }
        // what no onset can reach is gone (the memory this is about): from the start, answers differ
        assertThat(pruned.repliesAfter(0)).isLessThan(whole.repliesAfter(0));
    }

    @Test
    void inTimeOrderTheSameEntriesAreDropped() {
        // in order, a full array drops a prefix (bisection and a copy) where out of order it filters every entry
        pruned.keepFrom(40 * SECOND + 25_000_000L);
        whole.keepFrom(40 * SECOND + 25_000_000L);
        feed(300, 2 * SECOND, true);
        for (long onset : new long[] {40 * SECOND + 25_000_000L, 40 * SECOND + 25_000_001L, 120 * SECOND + 500_000_000L,
                297 * SECOND, 299 * SECOND + 975_000_000L}) {
            assertSameFrom(onset);
        }
        assertThat(pruned.repliesAfter(0)).isLessThan(whole.repliesAfter(0));
        // then out of order: the same answers
        feed(20, 2 * SECOND);
        assertSameFrom(40 * SECOND + 25_000_000L);
        assertSameFrom(297 * SECOND);
    }

    @Test
    void withoutAnyOnsetOnlyTheRecentSlackIsKept() {
        feed(300, 2 * SECOND);
        assertSameFrom(297 * SECOND);
        assertThat(pruned.repliesAfter(0)).isLessThanOrEqualTo(50 * 4);
    }

    @Test
    void theCapCountsPrunedEntries() {
        // 1,100 s of 50 entries a second pass the 50,000-entry cap: later entries are not counted, pruned or not
        feed(1100, 2 * SECOND);
        assertThat(whole.repliesAfter(1000 * SECOND)).isZero();
        assertSameFrom(1000 * SECOND);
        assertSameFrom(1050 * SECOND);
    }

    @Test
    void anOpenStallHoldsTheBoundAtItsFirstLostTransmission() throws Exception {
        InetAddress sender = InetAddress.getByName("10.0.0.1");
        InetAddress receiver = InetAddress.getByName("10.0.0.2");
        SegmentFlight flight = new SegmentFlight("c", sender, 40000, receiver, 80);
        flight.paths(pruned, null);
        // the receiver acknowledges up to 1000, then the data at 1000 is transmitted (and later lost) at 5 s
        flight.acknowledged(segment(receiver, sender, 1, 1000, TcpHeader.ACK, 0, 4 * SECOND), null);
        flight.sent(segment(sender, receiver, 2, 1000, TcpHeader.ACK, 1400, 5 * SECOND));
        assertThat(flight.earliestOnset()).isEqualTo(5 * SECOND);
        feed(100, 2 * SECOND);
        assertSameFrom(5 * SECOND);
        // once the flight is no longer followed and nothing keeps it, the bound moves on
        pruned.detach(flight);
        noEarlierThan = 99 * SECOND;
        pruned.prune();
        assertThat(pruned.repliesAfter(5 * SECOND)).isLessThan(whole.repliesAfter(5 * SECOND));
    }

    @Test
    void theBoundFollowsTheEarliestOnsetOfTheFlightsStillAttached() throws Exception {
        InetAddress sender = InetAddress.getByName("10.0.0.1");
        InetAddress receiver = InetAddress.getByName("10.0.0.2");
        Random random = new Random(11);
        for (int round = 0; round < 20; round++) {
            PathTraffic path = new PathTraffic(() -> noEarlierThan);
            PathTraffic twin = new PathTraffic(() -> Long.MIN_VALUE);
            noEarlierThan = Long.MIN_VALUE;
            // up to 9 flights, each with an open stall from its own second on, attached to the path
            java.util.List<SegmentFlight> attached = new java.util.ArrayList<>();
            int count = 1 + random.nextInt(9);
            for (int i = 0; i < count; i++) {
                SegmentFlight flight = new SegmentFlight("c", sender, 40000, receiver, 80);
                flight.paths(path, null);
                flight.acknowledged(segment(receiver, sender, 1, 1000, TcpHeader.ACK, 0, (10L + i) * SECOND), null);
                flight.sent(segment(sender, receiver, 2, 1000, TcpHeader.ACK, 1400, (10L + i) * SECOND));
                attached.add(flight);
            }
            // some detached, in any order (the last attached moves into a detached one's place)
            java.util.Collections.shuffle(attached, random);
            int detached = random.nextInt(count + 1);
            for (SegmentFlight flight : attached.subList(0, detached)) {
                path.detach(flight);
            }
            long onset = attached.subList(detached, count).stream().mapToLong(SegmentFlight::earliestOnset).min()
                    .orElse(Long.MAX_VALUE);
            for (long t = 0; t < 40; t++) {
                path.reply(t * SECOND);
                twin.reply(t * SECOND);
            }
            noEarlierThan = 38 * SECOND;
            path.prune();
            long bound = Math.min(onset, 38 * SECOND);
            assertThat(path.repliesAfter(bound)).isEqualTo(twin.repliesAfter(bound));
            // nothing before the bound is kept: a detached flight's onset no longer holds the entries
            assertThat(path.repliesAfter(0)).isEqualTo(twin.repliesAfter(bound));
            for (SegmentFlight flight : attached.subList(detached, count)) {
                path.detach(flight);
            }
        }
    }

    private static Packet segment(InetAddress from, InetAddress to, long frame, long seq, int flags, int payload,
                                  long nanos) {
        IpHeader ip = new IpHeader(4, from, to, 6, 64, 52 + payload, 1, true, 0, false, 20);
        TcpHeader tcp = new TcpHeader(from.getAddress()[3] == 1 ? 40000 : 80, from.getAddress()[3] == 1 ? 80 : 40000,
                seq, seq, flags, 500, payload, TcpOptions.NONE);
        return new Packet(frame, nanos, 0, 66 + payload, null, ip, tcp, null, null, null, null, null, false);
    }
}

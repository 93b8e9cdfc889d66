package dev.faultlab.detect.detectors;

import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The primitive ring behaves as the insertion-ordered map keyed by sequence number it replaced: same entries
 * delivered by ACKs and SACK blocks, same eldest forgotten past the bound, retransmissions updated in place.
 */
class OutstandingSegmentsTest {
    private static final int KEPT = 16;

    /** The former implementation, kept here as the reference. */
    private static final class Reference {
        private record Sent(long end, int wire) {
        }

        final LinkedHashMap<Long, Sent> outstanding = new LinkedHashMap<>();

        void sent(long seq, long end, int wire) {
            outstanding.put(seq, new Sent(end, wire));
            if (outstanding.size() > KEPT) {
                Iterator<Sent> eldest = outstanding.values().iterator();
                eldest.next();
                eldest.remove();
            }
        }

        void acknowledge(long ack, PathTraffic path, long nanos) {
            Iterator<Map.Entry<Long, Sent>> oldest = outstanding.entrySet().iterator();
            while (oldest.hasNext()) {
                Sent s = oldest.next().getValue();
                if (SegmentFlight.before(ack, s.end())) {
                    break;
                }
                path.delivered(nanos, s.wire());
                oldest.remove();
            }
        }

        void sacked(long left, long right, PathTraffic path, long nanos) {
            Iterator<Map.Entry<Long, Sent>> it = outstanding.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<Long, Sent> e = it.next();
                if (!SegmentFlight.before(e.getKey(), left) && !SegmentFlight.before(right, e.getValue().end())) {
                    path.delivered(nanos, e.getValue().wire());
                    it.remove();
                }
            }
        }
    }

    @Test
    void deliversAndForgetsAsTheMapDid() {
        for (int seed = 0; seed < 200; seed++) {
            Random random = new Random(seed);
            OutstandingSegments ring = new OutstandingSegments(KEPT);
            Reference map = new Reference();
            PathTraffic ringPath = new PathTraffic(() -> Long.MIN_VALUE);
            PathTraffic mapPath = new PathTraffic(() -> Long.MIN_VALUE);
            // sequence numbers near the 32-bit wrap, segments of 100 bytes, some sent again (retransmissions)
            long base = 0xffffffffL - 2_000 + random.nextInt(1_000);
            long next = base;
            for (int step = 0; step < 400; step++) {
                int op = random.nextInt(10);
                long nanos = step;
                if (op < 5) {
                    long seq = random.nextInt(4) == 0 ? base + 100L * random.nextInt(40) & 0xffffffffL : next;
                    long end = seq + 100 & 0xffffffffL;
                    int wire = 40 + random.nextInt(1500);
                    ring.sent(seq, end, wire);
                    map.sent(seq, end, wire);
                    if (seq == next) {
                        next = end;
                    }
                } else if (op < 8) {
                    long ack = base + 100L * random.nextInt(40) & 0xffffffffL;
                    ring.acknowledge(ack, ringPath, nanos);
                    map.acknowledge(ack, mapPath, nanos);
                } else {
                    long left = base + 100L * random.nextInt(40) & 0xffffffffL;
                    long right = left + 100L * (1 + random.nextInt(5)) & 0xffffffffL;
                    ring.sacked(left, right, ringPath, nanos);
                    map.sacked(left, right, mapPath, nanos);
                }
                assertThat(ring.size()).as("seed %d step %d", seed, step).isEqualTo(map.outstanding.size());
                assertThat(ring.isEmpty()).isEqualTo(map.outstanding.isEmpty());
            }
            for (int threshold = 100; threshold <= 1600; threshold += 300) {
                for (long from = 0; from < 400; from += 50) {
                    assertThat(ringPath.deliveredAfter(from, threshold)).as("seed %d", seed)
                            .isEqualTo(mapPath.deliveredAfter(from, threshold));
                }
            }
        }
    }
}

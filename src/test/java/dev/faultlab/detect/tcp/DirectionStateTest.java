package dev.faultlab.detect.tcp;

import dev.faultlab.capture.read.IpHeader;
import dev.faultlab.capture.read.Packet;
import dev.faultlab.capture.read.SackBlock;
import dev.faultlab.capture.read.TcpHeader;
import dev.faultlab.capture.read.TcpOptions;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DirectionState (a lone outstanding segment in a field, a ring from two on) against the insertion-ordered map
 * keyed by sequence number it stands for, driven side by side with random data segments, resends, resegmented
 * resends, ACKs and SACK blocks.
 */
class DirectionStateTest {
    private static final InetAddress A = address(1);
    private static final InetAddress B = address(2);

    @Test
    void answersAsTheInsertionOrderedMap() {
        for (int seed = 0; seed < 40; seed++) {
            Random random = new Random(seed);
            DirectionState state = new DirectionState();
            Reference reference = new Reference();
            // few sequence numbers, so resends, replacements and SACK matches are frequent; bursts up to past the
            // bound of 256 outstanding segments now and then
            int numbers = 1 + random.nextInt(seed % 5 == 0 ? 400 : 12);
            for (long frame = 1; frame <= 3000; frame++) {
                Packet p;
                if (random.nextInt(3) > 0) {
                    long seq = 1000L * random.nextInt(numbers);
                    int length = random.nextInt(4) == 0 ? 0 : 100 * (1 + random.nextInt(10));
                    p = packet(frame, seq, 0, 0, length, List.of());
                    state.sent(p);
                    reference.sent(p);
                } else {
                    long ack = 1000L * random.nextInt(numbers + 1) + 100L * random.nextInt(11);
                    List<SackBlock> sacks = new ArrayList<>();
                    for (int b = random.nextInt(3); b > 0; b--) {
                        long left = 1000L * random.nextInt(numbers) + 100L * random.nextInt(11);
                        sacks.add(new SackBlock(left, left + 100));
                    }
                    p = packet(frame, 0, ack, TcpHeader.ACK, 0, sacks);
                    state.acknowledged(p);
                    reference.acknowledged(p);
                }
                if (frame % 97 == 0) {
                    assertSame(state, reference);
                }
            }
            assertSame(state, reference);
        }
    }

    private static void assertSame(DirectionState state, Reference reference) {
        assertThat(state.retransmitted()).isEqualTo(reference.retransmitted != null);
        for (int min = 2; min <= 3; min++) {
            assertThat(state.stalled(true, min)).isEqualTo(reference.stalled(min));
        }
        // the count of data segments became a flag (only "any" is asked; the packet count, never read, went)
        assertThat(state.sentData).isEqualTo(reference.dataSegments > 0);
    }

    private static InetAddress address(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) last});
        } catch (java.net.UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static Packet packet(long frame, long seq, long ack, int flags, int length, List<SackBlock> sacks) {
        TcpOptions options = new TcpOptions(-1, -1, false, sacks, frame, 1);
        IpHeader ip = new IpHeader(4, A, B, 6, 64, 52 + length, (int) frame & 0xffff, true, 0, false, 20);
        TcpHeader tcp = new TcpHeader(40000, 80, seq, ack, flags | TcpHeader.ACK, 500, length, options);
        return new Packet(frame, frame * 1000, 0, 66 + length, null, ip, tcp, null, null, null, null, null, false);
    }

    /** The former DirectionState: its outstanding segments in an insertion-ordered map by sequence number. */
    private static final class Reference {
        private final Map<Long, SegmentRecord> segments = new LinkedHashMap<>();
        private List<SegmentRecord> retransmitted;
        long dataSegments;

        void sent(Packet packet) {
            TcpHeader tcp = packet.tcp();
            if (tcp.payloadLength() == 0) {
                return;
            }
            dataSegments++;
            SegmentRecord known = segments.get(tcp.seq());
            if (known != null && known.length == tcp.payloadLength()) {
                known.sent(packet.frame(), packet.epochNanos());
                if (known.transmissions == 2) {
                    if (retransmitted == null) {
                        retransmitted = new ArrayList<>();
                    }
                    if (retransmitted.size() < 16) {
                        retransmitted.add(known);
                    }
                }
                return;
            }
            if (known != null && tcp.payloadLength() < known.length) {
                known.resegmented = true;
                return;
            }
            SegmentRecord record = new SegmentRecord(tcp.seq(), tcp.payloadLength(), packet.ip().totalLength(),
                    packet.ip().dontFragment());
            record.sent(packet.frame(), packet.epochNanos());
            segments.put(tcp.seq(), record); // a replacement keeps the place
            if (segments.size() > 256) {
                Iterator<SegmentRecord> oldest = segments.values().iterator();
                oldest.next();
                oldest.remove();
            }
        }

        void acknowledged(Packet packet) {
            TcpHeader tcp = packet.tcp();
            FrameRef ref = null;
            for (int i = 0; retransmitted != null && i < retransmitted.size(); i++) {
                SegmentRecord r = retransmitted.get(i);
                if (r.coveredBy == null && Seq.atOrAfter(tcp.ack(), r.end())) {
                    ref = ref != null ? ref : FrameRef.of(packet);
                    r.coveredBy = ref;
                }
            }
            for (SackBlock block : tcp.options().sackBlocks()) {
                for (SegmentRecord r : segments.values()) {
                    if (r.sackedPast == null && block.left() == r.end()) {
                        ref = ref != null ? ref : FrameRef.of(packet);
                        r.sackedPast = ref;
                    }
                }
            }
            for (Iterator<SegmentRecord> oldest = segments.values().iterator();
                 oldest.hasNext() && Seq.atOrAfter(tcp.ack(), nextEnd(oldest)); ) {
                oldest.remove();
            }
        }

        private static long nextEnd(Iterator<SegmentRecord> oldest) {
            return oldest.next().end();
        }

        List<StalledSegment> stalled(int minTransmissions) {
            List<StalledSegment> out = new ArrayList<>();
            for (int i = 0; retransmitted != null && i < retransmitted.size(); i++) {
                SegmentRecord r = retransmitted.get(i);
                if (r.transmissions >= minTransmissions) {
                    out.add(r.summary(true));
                }
            }
            return out;
        }
    }
}

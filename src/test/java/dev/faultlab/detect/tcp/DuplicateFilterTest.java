package dev.faultlab.detect.tcp;

import dev.faultlab.capture.read.IpHeader;
import dev.faultlab.capture.read.Packet;
import dev.faultlab.capture.read.TcpHeader;
import dev.faultlab.capture.read.TcpOptions;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The duplicate filter answers as an insertion-ordered map of the segments seen (the first sighting kept, the
 * oldest dropped once out of the window or beyond the cap) on random traffic: few distinct field values, so
 * segments repeat and hashes collide, capture time that goes back, and a burst beyond the cap at one instant.
 */
class DuplicateFilterTest {
    private record Segment(InetAddress source, InetAddress destination, int identification, int sourcePort,
                           int destinationPort, long seq, long ack, int flags, int payloadLength, long tsVal) {
    }

    @Test
    void answersAsAnInsertionOrderedMapOfTheSegmentsSeen() throws UnknownHostException {
        List<InetAddress> addresses = List.of(InetAddress.getByName("10.0.0.1"), InetAddress.getByName("10.0.0.2"),
                InetAddress.getByName("fd00::1"));
        Random random = new Random(5);
        DuplicateFilter filter = new DuplicateFilter();
        Map<Segment, Long> reference = new LinkedHashMap<>();
        long now = 1_000_000_000L;
        int duplicates = 0;
        for (int i = 0; i < 300_000; i++) {
            boolean burst = i >= 100_000 && i < 100_000 + DuplicateFilter.KEPT + 5_000;
            if (!burst) {
                now += random.nextInt(10) == 0 ? -random.nextInt(30_000_000) : random.nextInt(2_000_000);
            }
            Segment s = new Segment(addresses.get(random.nextInt(3)), addresses.get(random.nextInt(3)),
                    random.nextInt(3), 1000 + random.nextInt(2), 80 + random.nextInt(2),
                    burst ? i : random.nextInt(4), random.nextInt(3), random.nextBoolean() ? 0x10 : 0x18,
                    random.nextBoolean() ? 0 : 100, random.nextInt(3) - 1);
            boolean expected = referenceIsDuplicate(reference, s, now);
            assertThat(isDuplicate(filter, packet(s, now))).as("packet %d", i).isEqualTo(expected);
            duplicates += expected ? 1 : 0;
        }
        assertThat(duplicates).isGreaterThan(10_000);
    }

    private static boolean referenceIsDuplicate(Map<Segment, Long> seen, Segment s, long now) {
        for (Iterator<Long> oldest = seen.values().iterator(); oldest.hasNext(); ) {
            long at = oldest.next();
            if (now - at <= DuplicateFilter.WINDOW_NANOS && seen.size() < DuplicateFilter.KEPT) {
                break;
            }
            oldest.remove();
        }
        Long first = seen.get(s);
        if (first != null) {
            return now - first <= DuplicateFilter.WINDOW_NANOS;
        }
        seen.put(s, now);
        return false;
    }

    private static Packet packet(Segment s, long now) {
        IpHeader ip = new IpHeader(4, s.source(), s.destination(), 6, 64, 40 + s.payloadLength(), s.identification(),
                true, 0, false, 20);
        TcpHeader tcp = new TcpHeader(s.sourcePort(), s.destinationPort(), s.seq(), s.ack(), s.flags(), 1000,
                s.payloadLength(), new TcpOptions(-1, -1, false, List.of(), s.tsVal(), s.tsVal() < 0 ? -1 : 0));
        return new Packet(0, now, 0, 54 + s.payloadLength(), null, ip, tcp, null, null, null, null, null, false);
    }

    private static boolean isDuplicate(DuplicateFilter filter, Packet packet) {
        InetAddress source = packet.ip().source();
        InetAddress destination = packet.ip().destination();
        return filter.isDuplicate(packet, source.hashCode(), destination.hashCode(),
                source instanceof Inet4Address && destination instanceof Inet4Address);
    }
}

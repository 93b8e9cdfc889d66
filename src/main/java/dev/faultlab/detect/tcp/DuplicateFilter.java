package dev.faultlab.detect.tcp;

import dev.faultlab.capture.read.Packet;

import java.net.InetAddress;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * Recognizes one TCP segment seen twice in one capture within a few milliseconds - a capture on {@code any}
 * sees a forwarded packet on each interface it crosses (veth, cni0, flannel.1, eth0) - so it is not mistaken for
 * a retransmission. A real retransmission differs in IP identification (Linux numbers each DF segment) or TCP
 * timestamp, or comes later than the window.
 */
final class DuplicateFilter {
    private static final long WINDOW_NANOS = 20_000_000L;
    private static final int KEPT = 65_536;

    /** The fields that stay the same while a packet is forwarded (TTL and MACs change, these do not). */
    private record Key(InetAddress source, InetAddress destination, int identification, int sourcePort,
                       int destinationPort, long seq, long ack, int flags, int length, long tsVal) {
    }

    private final LinkedHashMap<Key, Long> recent = new LinkedHashMap<>();

    /** True when the same segment was already seen less than the window ago. */
    boolean isDuplicate(Packet p) {
        var tcp = p.tcp();
        Key key = new Key(p.ip().source(), p.ip().destination(), p.ip().identification(), tcp.sourcePort(),
                tcp.destinationPort(), tcp.seq(), tcp.ack(), tcp.flags(), tcp.payloadLength(), tcp.options().tsVal());
        long now = p.epochNanos();
        Iterator<Long> oldest = recent.values().iterator();
        while (oldest.hasNext()) {
            long seen = oldest.next();
            if (now - seen <= WINDOW_NANOS && recent.size() < KEPT) {
                break;
            }
            oldest.remove();
        }
        Long previous = recent.putIfAbsent(key, now);
        return previous != null && now - previous <= WINDOW_NANOS;
    }
}

package dev.faultlab.detect.tcp;

import dev.faultlab.capture.read.Packet;
import dev.faultlab.capture.read.SackBlock;
import dev.faultlab.capture.read.TcpHeader;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one side of a conversation sent: its unacknowledged data segments (bounded) and the retransmitted ones,
 * which are then followed against the other side's ACKs and SACK blocks.
 */
final class DirectionState {
    /** Segments remembered per direction; older ones are forgotten first (memory stays bounded). */
    private static final int SEGMENTS_KEPT = 256;
    private static final int RETRANSMITTED_KEPT = 16;

    private final Map<Long, SegmentRecord> outstanding = new LinkedHashMap<>();
    private final List<SegmentRecord> retransmitted = new ArrayList<>(0);
    long packets;
    long dataSegments;
    long lastTsVal = -1;

    void sent(Packet packet) {
        packets++;
        TcpHeader tcp = packet.tcp();
        if (tcp.options().hasTimestamps()) {
            lastTsVal = tcp.options().tsVal();
        }
        if (tcp.payloadLength() == 0) {
            return;
        }
        dataSegments++;
        FrameRef ref = FrameRef.of(packet);
        SegmentRecord known = outstanding.get(tcp.seq());
        if (known != null && known.length == tcp.payloadLength()) {
            known.sent(ref);
            if (known.transmissions == 2 && retransmitted.size() < RETRANSMITTED_KEPT) {
                retransmitted.add(known);
            }
            return;
        }
        if (known != null && tcp.payloadLength() < known.length) {
            known.resegmented = true;
            return;
        }
        SegmentRecord record = new SegmentRecord(tcp.seq(), tcp.payloadLength(), packet.ip().totalLength(),
                packet.ip().dontFragment());
        record.sent(ref);
        outstanding.put(tcp.seq(), record);
        if (outstanding.size() > SEGMENTS_KEPT) {
            Iterator<SegmentRecord> eldest = outstanding.values().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    /** The other side acknowledged: forget delivered segments, and note what happened to retransmitted ones. */
    void acknowledged(Packet packet) {
        TcpHeader tcp = packet.tcp();
        FrameRef ref = null;
        for (int i = 0; i < retransmitted.size(); i++) {
            SegmentRecord r = retransmitted.get(i);
            if (r.coveredBy == null && Seq.atOrAfter(tcp.ack(), r.end())) {
                ref = ref != null ? ref : FrameRef.of(packet);
                r.coveredBy = ref;
            }
        }
        // SACK blocks come only during loss, so a scan of the (bounded) outstanding segments is cheap
        List<SackBlock> sacks = tcp.options().sackBlocks();
        for (int b = 0; b < sacks.size(); b++) { // indexed: an iterator per ACK is garbage on every packet
            SackBlock block = sacks.get(b);
            for (SegmentRecord r : outstanding.values()) {
                if (r.sackedPast == null && block.left() == r.end()) {
                    ref = ref != null ? ref : FrameRef.of(packet);
                    r.sackedPast = ref;
                }
            }
        }
        if (outstanding.isEmpty()) {
            return;
        }
        Iterator<SegmentRecord> oldest = outstanding.values().iterator();
        while (oldest.hasNext()) {
            SegmentRecord r = oldest.next();
            if (!Seq.atOrAfter(tcp.ack(), r.end())) {
                break;
            }
            oldest.remove();
        }
    }

    /** Retransmitted segments seen at least {@code minTransmissions} times. */
    List<StalledSegment> stalled(boolean fromClient, int minTransmissions) {
        List<StalledSegment> out = new ArrayList<>();
        for (SegmentRecord r : retransmitted) {
            if (r.transmissions >= minTransmissions) {
                out.add(r.summary(fromClient));
            }
        }
        return out;
    }
}

package dev.faultlab.detect.tcp;

import dev.faultlab.capture.read.Packet;
import dev.faultlab.capture.read.SackBlock;
import dev.faultlab.capture.read.TcpHeader;

import java.util.ArrayList;
import java.util.List;

/**
 * What one side of a conversation sent: its unacknowledged data segments (bounded) and the retransmitted ones,
 * which are then followed against the other side's ACKs and SACK blocks.
 *
 * <p>The unacknowledged segments are a ring in first-sent order with their sequence numbers beside, as the
 * insertion-ordered map keyed by sequence number it replaces (a segment sent again with more data replaces its
 * record in place; delivered ones leave from the oldest; past the bound the oldest is forgotten): every data
 * segment and ACK passes here, and the map cost a boxed key, an entry and an iterator each time. A conversation
 * has a few segments in flight, so finding one by sequence number scans the numbers. A lone outstanding segment
 * (a request, its response: what most directions send) is held in a field without the ring's two arrays, which
 * are made only when a second one is outstanding: two objects less per data segment.
 */
final class DirectionState {
    /** Segments remembered per direction; older ones are forgotten first (memory stays bounded). */
    private static final int SEGMENTS_KEPT = 256;
    private static final int RETRANSMITTED_KEPT = 16;
    private static final int FIRST_RING = 4;

    /** The outstanding segment while it is the only one and the ring is not made (else null). */
    private SegmentRecord sole;
    /** Ring of the outstanding segments, oldest at {@link #oldest}; made when two are outstanding. */
    private long[] seqs;
    private SegmentRecord[] records;
    private int oldest;
    private int outstanding;
    /** Made on the first retransmission (most directions have none). */
    private List<SegmentRecord> retransmitted;
    // no packet count (nobody read it) and a flag for the data segments (only "any" was asked): two longs less in
    // each of the two per conversation, which live seconds, through young collections
    boolean sentData;
    long lastTsVal = -1;

    void sent(Packet packet) {
        TcpHeader tcp = packet.tcp();
        if (tcp.options().hasTimestamps()) {
            lastTsVal = tcp.options().tsVal();
        }
        if (tcp.payloadLength() == 0) {
            return;
        }
        sentData = true;
        int at = find(tcp.seq());
        SegmentRecord known = at < 0 ? null : outstanding(at);
        if (known != null && known.length == tcp.payloadLength()) {
            known.sent(packet.frame(), packet.epochNanos());
            if (known.transmissions == 2) {
                if (retransmitted == null) {
                    retransmitted = new ArrayList<>(1);
                }
                if (retransmitted.size() < RETRANSMITTED_KEPT) {
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
        if (known != null) {
            replace(at, record); // more data under the same number: replaced where it stood
            return;
        }
        append(tcp.seq(), record);
        if (outstanding > SEGMENTS_KEPT) {
            removeOldest();
        }
    }

    /** The other side acknowledged: forget delivered segments, and note what happened to retransmitted ones. */
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
        // SACK blocks come only during loss, so a scan of the (bounded) outstanding segments is cheap
        List<SackBlock> sacks = tcp.options().sackBlocks();
        for (int b = 0; b < sacks.size(); b++) { // indexed: an iterator per ACK is garbage on every packet
            SackBlock block = sacks.get(b);
            for (int i = 0; i < outstanding; i++) {
                SegmentRecord r = outstanding(i);
                if (r.sackedPast == null && block.left() == r.end()) {
                    ref = ref != null ? ref : FrameRef.of(packet);
                    r.sackedPast = ref;
                }
            }
        }
        while (outstanding > 0 && Seq.atOrAfter(tcp.ack(), outstanding(0).end())) {
            removeOldest();
        }
    }

    /** Whether a segment was sent twice or more (then {@link #stalled} may list some). */
    boolean retransmitted() {
        return retransmitted != null;
    }

    /** Retransmitted segments seen at least {@code minTransmissions} times. */
    List<StalledSegment> stalled(boolean fromClient, int minTransmissions) {
        List<StalledSegment> out = new ArrayList<>();
        for (int i = 0; retransmitted != null && i < retransmitted.size(); i++) { // indexed: no iterator
            SegmentRecord r = retransmitted.get(i);
            if (r.transmissions >= minTransmissions) {
                out.add(r.summary(fromClient));
            }
        }
        return out;
    }

    /** The place (0 for the oldest) of the outstanding segment with this sequence number, or -1. */
    private int find(long seq) {
        if (sole != null) {
            return sole.seq == seq ? 0 : -1;
        }
        for (int i = 0; i < outstanding; i++) {
            if (seqs[slot(i)] == seq) {
                return i;
            }
        }
        return -1;
    }

    /** The outstanding segment at place {@code i} (0 for the oldest). */
    private SegmentRecord outstanding(int i) {
        return sole != null ? sole : records[slot(i)];
    }

    /** Puts {@code record} (of the same sequence number) at place {@code i} of the outstanding segments. */
    private void replace(int i, SegmentRecord record) {
        if (sole != null) {
            sole = record;
        } else {
            records[slot(i)] = record;
        }
    }

    private int slot(int i) {
        return (oldest + i) & seqs.length - 1;
    }

    private void append(long seq, SegmentRecord record) {
        if (outstanding == 0) {
            sole = record;
            outstanding = 1;
            return;
        }
        if (sole != null) {
            // a second one outstanding: the ring is made, the lone one its oldest
            seqs = new long[FIRST_RING];
            records = new SegmentRecord[FIRST_RING];
            seqs[0] = sole.seq;
            records[0] = sole;
            oldest = 0;
            sole = null;
        } else if (outstanding == seqs.length) {
            long[] grownSeqs = new long[seqs.length * 2];
            SegmentRecord[] grownRecords = new SegmentRecord[seqs.length * 2];
            for (int i = 0; i < outstanding; i++) {
                grownSeqs[i] = seqs[slot(i)];
                grownRecords[i] = records[slot(i)];
            }
            seqs = grownSeqs;
            records = grownRecords;
            oldest = 0;
        }
        int at = slot(outstanding);
        seqs[at] = seq;
        records[at] = record;
        outstanding++;
    }

    private void removeOldest() {
        if (sole != null) {
            sole = null;
            outstanding = 0;
            return;
        }
        records[oldest] = null;
        oldest = (oldest + 1) & seqs.length - 1;
        outstanding--;
        if (outstanding == 0) {
            // all delivered: the ring goes with them, so a finished conversation (kept seconds after its close)
            // holds no arrays through the collections meanwhile
            seqs = null;
            records = null;
            oldest = 0;
        }
    }
}

package dev.faultlab.detect.tcp;

import java.util.List;

/**
 * One TCP connection (or attempt) as seen in one capture, handed to detectors when it ends, expires or the
 * capture ends. "Client" is the side that sent the first SYN (or, without one, the side with the higher port).
 *
 * @param capture            the capture's name
 * @param client             client endpoint
 * @param server             server endpoint
 * @param handshake          how the opening went
 * @param syns               the client's SYNs (first few), one per (re)transmission
 * @param synCount           how many SYNs in all
 * @param synAck             the first SYN-ACK, or null
 * @param synAckCount        how many SYN-ACKs in all
 * @param bareAck            a server ACK without SYN answering the SYN, or null
 * @param bareAckAck         its acknowledgment number (-1 when none)
 * @param bareAckTsEcr       its timestamp echo (-1 when none)
 * @param clientRst          the client's first RST, or null
 * @param clientRstSeq       its sequence number (-1 when none)
 * @param serverRst          the server's first RST, or null
 * @param first              first packet
 * @param last               last packet
 * @param packets            packets in both directions
 * @param clientLastTsVal    the client's last TSval (-1 without timestamps)
 * @param closedByFin        both sides sent FIN
 * @param stalled            segments transmitted three or more times (first few)
 * @param clientDataUnanswered established, the client sent data, and the server never sent anything after
 *                           its SYN-ACK (the server has no socket: e.g. the accept queue overflowed)
 * @param previous           the connection before on the same 4-tuple, or null
 */
public record ConversationSummary(String capture, Endpoint client, Endpoint server, Handshake handshake,
                                  List<SynAttempt> syns, int synCount, FrameRef synAck, int synAckCount,
                                  FrameRef bareAck, long bareAckAck, long bareAckTsEcr, FrameRef clientRst,
                                  long clientRstSeq, FrameRef serverRst, FrameRef first, FrameRef last, long packets,
                                  long clientLastTsVal, boolean closedByFin, List<StalledSegment> stalled,
                                  boolean clientDataUnanswered, PreviousConnection previous) {
    public ConversationSummary {
        syns = List.copyOf(syns);
        stalled = List.copyOf(stalled);
    }

    /** {@code client > server}, the way evidence names a flow. */
    public String flow() {
        return client + " > " + server;
    }

    /** The client's initial sequence number, or -1 without a SYN. */
    public long isn() {
        return syns.isEmpty() ? -1 : syns.get(0).seq();
    }

    /** The client's first SYN's timestamp, or -1. */
    public long synTsVal() {
        return syns.isEmpty() ? -1 : syns.get(0).tsVal();
    }

    public boolean closed() {
        return closedByFin || clientRst != null || serverRst != null;
    }
}

package dev.faultlab.detect.tcp;

import dev.faultlab.capture.read.Packet;
import dev.faultlab.capture.read.TcpHeader;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Mutable state of one live TCP conversation inside a {@link ConversationTracker}. The first SYN, the first SYN-ACK
 * and the first packet are kept as numbers, not objects: every conversation stays live some seconds after its last
 * packet and is copied by a young collection meanwhile (fewer, smaller objects to copy); the summary makes their
 * records once.
 */
final class Conversation extends RecencyList.Node<Conversation> {
    private static final int SYNS_KEPT = 16;
    /** Retransmitted segments are reported from this many transmissions on. */
    private static final int STALLED_TRANSMISSIONS = 3;

    /**
     * Its 4-tuple when not both endpoints are IPv4 (a stored copy), else null: an IPv4 4-tuple is the key's two
     * numbers below, kept here instead of a key object per conversation (each lives seconds, through collections).
     */
    final FlowKey otherKey;
    /** Both endpoints IPv4: {@link #low} and {@link #high} (as {@link FlowKey}'s) are the 4-tuple. */
    final boolean ipv4;
    final long low;
    final long high;
    /** Whether the tracker's sweep parked it (see LiveConversations). */
    boolean parked;
    /** Its 4-tuple's slot (see FlowSlots). */
    int slot;
    private final String capture;
    private final Endpoint client;
    private final Endpoint server;
    private final PreviousConnection previous;
    private final DirectionState fromClient = new DirectionState();
    private final DirectionState fromServer = new DirectionState();
    private int synCount;
    // the first SYN (when synCount > 0); the later ones kept (up to SYNS_KEPT in all) as records, made on the second
    private long firstSynFrame;
    private long firstSynNanos;
    private long firstSynSeq;
    private long firstSynTsVal;
    private List<SynAttempt> laterSyns;
    // the first SYN-ACK (when synAckCount > 0)
    private long synAckFrame;
    private long synAckNanos;
    private int synAckCount;
    private FrameRef bareAck;
    private long bareAckAck = -1;
    private long bareAckTsEcr = -1;
    private FrameRef clientRst;
    private long clientRstSeq = -1;
    private FrameRef serverRst;
    private boolean clientAckedSynAck;
    private boolean clientFin;
    private boolean serverFin;
    private long serverPacketsAfterSynAck;
    private final long firstFrame;
    private final long firstNanos;
    // the last packet as numbers: a FrameRef is made only for the summary, not for every packet
    private boolean seenAny;
    private long lastFrame;
    private long lastNanos;
    private long packets;

    /** With {@code key} the 4-tuple's key (the tracker's probe: copied only when not IPv4). */
    Conversation(String capture, FlowKey key, Packet opening, PreviousConnection previous) {
        this.capture = capture;
        this.ipv4 = key.ipv4;
        this.low = key.low;
        this.high = key.high;
        this.otherKey = key.ipv4 ? null : key.copy();
        this.previous = previous;
        this.firstFrame = opening.frame();
        this.firstNanos = opening.epochNanos();
        Endpoint source = source(opening);
        Endpoint destination = destination(opening);
        TcpHeader tcp = opening.tcp();
        boolean sourceIsClient = tcp.isSynOnly() || !tcp.isSynAck() && source.port() > destination.port();
        this.client = sourceIsClient ? source : destination;
        this.server = sourceIsClient ? destination : source;
    }

    static Endpoint source(Packet p) {
        return new Endpoint(p.ip().source(), p.tcp().sourcePort());
    }

    static Endpoint destination(Packet p) {
        return new Endpoint(p.ip().destination(), p.tcp().destinationPort());
    }

    void observe(Packet p) {
        packets++;
        seenAny = true;
        lastFrame = p.frame();
        lastNanos = p.epochNanos();
        InetAddress source = p.ip().source();
        // the decoder hands out one address object per address, mostly: identity first, no call
        if (p.tcp().sourcePort() == client.port() && (source == client.address() || source.equals(client.address()))) {
            fromClientSide(p);
        } else {
            fromServerSide(p);
        }
    }

    private void fromClientSide(Packet p) {
        TcpHeader tcp = p.tcp();
        if (tcp.isSynOnly()) {
            synCount++;
            if (synCount == 1) {
                firstSynFrame = p.frame();
                firstSynNanos = p.epochNanos();
                firstSynSeq = tcp.seq();
                firstSynTsVal = tcp.options().tsVal();
            } else if (synCount <= SYNS_KEPT) {
                if (laterSyns == null) {
                    laterSyns = new ArrayList<>(2);
                }
                laterSyns.add(new SynAttempt(FrameRef.of(p), tcp.seq(), tcp.options().tsVal()));
            }
        } else if (tcp.isRst()) {
            if (clientRst == null) {
                clientRst = FrameRef.of(p);
                clientRstSeq = tcp.seq();
            }
        } else if (tcp.isAck() && synAckCount > 0) {
            clientAckedSynAck = true;
        }
        clientFin |= tcp.isFin();
        fromClient.sent(p);
        if (tcp.isAck()) {
            fromServer.acknowledged(p);
        }
    }

    private void fromServerSide(Packet p) {
        TcpHeader tcp = p.tcp();
        if (tcp.isSynAck()) {
            synAckCount++;
            if (synAckCount == 1) {
                synAckFrame = p.frame();
                synAckNanos = p.epochNanos();
            }
        } else {
            if (synAckCount > 0) {
                serverPacketsAfterSynAck++;
            }
            if (tcp.isRst()) {
                if (serverRst == null) {
                    serverRst = FrameRef.of(p);
                }
            } else if (tcp.isAck() && synCount > 0 && synAckCount == 0 && bareAck == null) {
                bareAck = FrameRef.of(p);
                bareAckAck = tcp.ack();
                bareAckTsEcr = tcp.options().tsEcr();
            }
        }
        serverFin |= tcp.isFin();
        fromServer.sent(p);
        if (tcp.isAck()) {
            fromClient.acknowledged(p);
        }
    }

    /** A new SYN from the client continues this conversation only if it retransmits the same attempt. */
    boolean isRetransmissionOf(TcpHeader syn) {
        return !closed() && synCount > 0 && firstSynSeq == syn.seq();
    }

    boolean closed() {
        return clientRst != null || serverRst != null || clientFin && serverFin;
    }

    long lastNanos() {
        return seenAny ? lastNanos : firstNanos;
    }

    private FrameRef last() {
        return seenAny ? new FrameRef(lastFrame, lastNanos) : null;
    }

    Handshake handshake() {
        if (synCount == 0) {
            return synAckCount > 0 && clientAckedSynAck ? Handshake.ESTABLISHED : Handshake.MIDSTREAM;
        }
        if (synAckCount > 0) {
            return clientAckedSynAck || fromClient.sentData ? Handshake.ESTABLISHED
                    : Handshake.SYN_ACK_UNACKNOWLEDGED;
        }
        if (bareAck != null) {
            return Handshake.SYN_ANSWERED_BY_ACK;
        }
        return serverRst != null ? Handshake.REFUSED : Handshake.SYN_UNANSWERED;
    }

    /** Remembers this (finished) conversation in {@code memory} at {@code slot}, for the next one on its 4-tuple. */
    void rememberIn(ClosedConnections memory, int slot) {
        memory.put(slot, otherKey, seenAny, lastFrame, lastNanos, clientRst != null || serverRst != null, closed(),
                fromClient.lastTsVal, client);
    }

    ConversationSummary summary() {
        Handshake handshake = handshake();
        List<StalledSegment> stalled = List.of();
        boolean dataUnanswered = false;
        if (fromClient.retransmitted() || fromServer.retransmitted()) { // most conversations: none, and no lists
            stalled = new ArrayList<>(fromClient.stalled(true, STALLED_TRANSMISSIONS));
            stalled.addAll(fromServer.stalled(false, STALLED_TRANSMISSIONS));
            dataUnanswered = handshake == Handshake.ESTABLISHED && serverPacketsAfterSynAck == 0
                    && !fromClient.stalled(true, 2).isEmpty();
        }
        return new ConversationSummary(capture, client, server, handshake, syns(), synCount,
                synAckCount == 0 ? null : new FrameRef(synAckFrame, synAckNanos), synAckCount, bareAck, bareAckAck,
                bareAckTsEcr, clientRst, clientRstSeq, serverRst, new FrameRef(firstFrame, firstNanos), last(),
                packets, fromClient.lastTsVal, clientFin && serverFin, stalled, dataUnanswered, previous);
    }

    /** The SYNs kept, as the summary's immutable list. */
    private List<SynAttempt> syns() {
        if (synCount == 0) {
            return List.of();
        }
        SynAttempt first = new SynAttempt(new FrameRef(firstSynFrame, firstSynNanos), firstSynSeq, firstSynTsVal);
        if (laterSyns == null) {
            return List.of(first);
        }
        List<SynAttempt> all = new ArrayList<>(laterSyns.size() + 1);
        all.add(first);
        all.addAll(laterSyns);
        return all;
    }
}

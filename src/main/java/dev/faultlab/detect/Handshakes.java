package dev.faultlab.detect;

import dev.faultlab.detect.tcp.ConversationSummary;
import dev.faultlab.detect.tcp.Endpoint;
import dev.faultlab.detect.tcp.Handshake;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Connection openings across all captures: the failed ones (kept, bounded) and counts of successful ones per
 * server, so detectors can tell "this destination never answers" from "this destination answers most connects".
 * One attempt seen at two capture points is kept once per outcome.
 */
public final class Handshakes {
    private static final int FAILED_KEPT = 5000;
    /**
     * Transmissions before an opening counts as failed: a retransmission means the sender waited a full timeout
     * without an answer, while a lone SYN (or SYN-ACK) may still be in flight when the capture ends.
     */
    private static final int MIN_TRANSMISSIONS = 2;

    private final Map<Attempt, ConversationSummary> unanswered = new LinkedHashMap<>();
    private final Map<Attempt, ConversationSummary> synAckLost = new LinkedHashMap<>();
    // counts in a mutable cell: most conversations are established, and a boxed count above 127 was a new Long each
    private final Map<InetAddress, long[]> establishedByAddress = new HashMap<>();
    private final Map<Endpoint, long[]> establishedByServer = new HashMap<>();
    /**
     * For {@link #add} alone: per server endpoint, its cells of both maps above, so an established conversation (most
     * of them) costs one lookup, not one in each map.
     */
    private final Map<Endpoint, EstablishedCells> establishedCells = new HashMap<>();

    /** A server endpoint's count cell and its address's (shared with the address's other endpoints). */
    private record EstablishedCells(long[] byServer, long[] byAddress) {
    }

    void add(ConversationSummary c) {
        if (c.handshake() == Handshake.SYN_UNANSWERED && c.synCount() >= MIN_TRANSMISSIONS) {
            keep(unanswered, c);
        } else if (c.handshake() == Handshake.SYN_ACK_UNACKNOWLEDGED
                && (c.synCount() >= MIN_TRANSMISSIONS || c.synAckCount() >= MIN_TRANSMISSIONS)) {
            keep(synAckLost, c);
        } else if (c.handshake() == Handshake.ESTABLISHED) {
            EstablishedCells cells = establishedCells.get(c.server());
            if (cells == null) {
                long[] byAddress = establishedByAddress.computeIfAbsent(c.server().address(), server -> new long[1]);
                cells = new EstablishedCells(establishedByServer.computeIfAbsent(c.server(), server -> new long[1]),
                        byAddress);
                establishedCells.put(c.server(), cells);
            }
            cells.byServer()[0]++;
            cells.byAddress()[0]++;
        }
    }

    /**
     * One connection attempt, wherever it was captured: client, server and the client's initial sequence number
     * (the text key it replaces formatted both addresses for every failed attempt).
     */
    private record Attempt(Endpoint client, Endpoint server, long isn) {
        // written out with the record's formula (see Endpoint#equals)
        @Override
        public boolean equals(Object o) {
            return o instanceof Attempt a && a.isn == isn && a.client.equals(client) && a.server.equals(server);
        }

        @Override
        public int hashCode() {
            return (client.hashCode() * 31 + server.hashCode()) * 31 + Long.hashCode(isn);
        }
    }

    /** Keeps a failed attempt once. */
    private static void keep(Map<Attempt, ConversationSummary> kept, ConversationSummary c) {
        if (kept.size() < FAILED_KEPT) {
            kept.putIfAbsent(new Attempt(c.client(), c.server(), c.isn()), c);
        }
    }

    /** Attempts whose SYN was retransmitted and never answered at that capture point. */
    public List<ConversationSummary> unanswered() {
        return new ArrayList<>(unanswered.values());
    }

    /** Attempts where the server's SYN-ACK went out (repeatedly) but the handshake never completed. */
    public List<ConversationSummary> synAckLost() {
        return new ArrayList<>(synAckLost.values());
    }

    public long establishedTo(InetAddress server) {
        long[] count = establishedByAddress.get(server);
        return count == null ? 0 : count[0];
    }

    public long establishedTo(Endpoint server) {
        long[] count = establishedByServer.get(server);
        return count == null ? 0 : count[0];
    }

    public Set<InetAddress> establishedServerAddresses() {
        return Set.copyOf(establishedByAddress.keySet());
    }
}

package dev.faultlab.detect;

import dev.faultlab.detect.tcp.ConversationSummary;
import dev.faultlab.detect.tcp.Endpoint;
import dev.faultlab.detect.tcp.Handshake;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
    /**
     * Established connections per server endpoint, a count in a mutable cell: most conversations are established
     * (one lookup each), and a boxed count above 127 was a new Long each. The counts per address are summed from
     * these when asked (by conclusions, a few times per diagnosis).
     */
    private final Map<Endpoint, long[]> establishedByServer = new HashMap<>();

    void add(ConversationSummary c) {
        if (c.handshake() == Handshake.SYN_UNANSWERED && c.synCount() >= MIN_TRANSMISSIONS) {
            keep(unanswered, c);
        } else if (c.handshake() == Handshake.SYN_ACK_UNACKNOWLEDGED
                && (c.synCount() >= MIN_TRANSMISSIONS || c.synAckCount() >= MIN_TRANSMISSIONS)) {
            keep(synAckLost, c);
        } else if (c.handshake() == Handshake.ESTABLISHED) {
            establishedByServer.computeIfAbsent(c.server(), server -> new long[1])[0]++;
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
        long count = 0;
        for (Map.Entry<Endpoint, long[]> established : establishedByServer.entrySet()) {
            if (established.getKey().address().equals(server)) {
                count += established.getValue()[0];
            }
        }
        return count;
    }

    public long establishedTo(Endpoint server) {
        long[] count = establishedByServer.get(server);
        return count == null ? 0 : count[0];
    }

    public Set<InetAddress> establishedServerAddresses() {
        Set<InetAddress> addresses = new HashSet<>();
        for (Endpoint server : establishedByServer.keySet()) {
            addresses.add(server.address());
        }
        return Set.copyOf(addresses);
    }
}

package dev.faultlab.detect.detectors;

import dev.faultlab.detect.tcp.ConversationSummary;
import dev.faultlab.detect.tcp.Handshake;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Connection attempts grouped by client and server address (a server remembers one timestamp per peer IP, and
 * a client's TSvals toward different servers run on different offsets), to test the per-host timestamp rule of {@code tcp_tw_recycle}
 * (Linux before 4.12): a server that remembered the last TSval of a peer IP drops that IP's SYNs whose TSval is
 * lower, for 60 s. Behind NAT, hosts with different timestamp clocks share one IP, so SYNs from the "slower"
 * hosts vanish while the others connect fine. Bounded (each kept summary costs about half a kilobyte): 64 sources, 256 attempts each.
 */
final class ConnectAttempts {
    private static final int SOURCES_KEPT = 64;
    private static final int ATTEMPTS_PER_SOURCE = 256;
    /** How long tcp_tw_recycle trusted a remembered timestamp (TCP_PAWS_MSL). */
    private static final long PAWS_MSL_NANOS = 60_000_000_000L;

    private final Map<Peers, List<ConversationSummary>> bySource = new LinkedHashMap<>();
    /**
     * A bit per kept source's {@link Peers#hashCode} (its low bits): once {@value #SOURCES_KEPT} are kept, no other is
     * added, and the attempts of the others (most, in a capture of thousands of address pairs) pass without a key
     * made and looked up.
     */
    private final long[] keptHashes = new long[16];

    /** A client address and the server address it connects to. */
    record Peers(InetAddress client, InetAddress server) {
        // written out with the record's formula: looked up for every conversation (see Endpoint#equals)
        @Override
        public boolean equals(Object o) {
            return o instanceof Peers p && p.client.equals(client) && p.server.equals(server);
        }

        @Override
        public int hashCode() {
            return hash(client, server);
        }

        static int hash(InetAddress client, InetAddress server) {
            return client.hashCode() * 31 + server.hashCode();
        }

        static Peers of(ConversationSummary c) {
            return new Peers(c.client().address(), c.server().address());
        }
    }

    void add(ConversationSummary c) {
        boolean relevant = c.synTsVal() >= 0 && (c.handshake() == Handshake.ESTABLISHED
                || c.handshake() == Handshake.SYN_UNANSWERED && c.synCount() >= 2);
        if (!relevant) {
            return;
        }
        InetAddress client = c.client().address();
        InetAddress server = c.server().address();
        int hash = Peers.hash(client, server);
        long bit = 1L << hash;
        if (bySource.size() == SOURCES_KEPT && (keptHashes[hash >>> 6 & keptHashes.length - 1] & bit) == 0) {
            return; // not a kept source, and no room for another
        }
        Peers peers = new Peers(client, server);
        List<ConversationSummary> attempts = bySource.get(peers);
        if (attempts == null && bySource.size() < SOURCES_KEPT) {
            attempts = new ArrayList<>();
            bySource.put(peers, attempts);
            keptHashes[hash >>> 6 & keptHashes.length - 1] |= bit;
        }
        if (attempts != null && attempts.size() < ATTEMPTS_PER_SOURCE) {
            attempts.add(c);
        }
    }

    /** Attempts kept from {@code source} (answered, and unanswered with retransmissions). */
    int attemptsFrom(Peers source) {
        return bySource.getOrDefault(source, List.of()).size();
    }

    /**
     * A dropped SYN and the remembered timestamp it fell below.
     *
     * @param dropped    the attempt whose SYNs went unanswered
     * @param reference  the connection whose last TSval the server remembered
     */
    record Rejection(ConversationSummary dropped, ConversationSummary reference) {
    }

    /**
     * Per source, the unanswered attempts explained by the tcp_tw_recycle rule, when the rule explains all of that
     * source's attempts (every drop had a lower TSval than a recent connection's last one, and no answered SYN
     * did). Sources where the rule does not hold are absent.
     */
    Map<Peers, List<Rejection>> explainedByTimestamps() {
        Map<Peers, List<Rejection>> explained = new LinkedHashMap<>();
        bySource.forEach((source, attempts) -> {
            List<Rejection> rejections = rejections(attempts);
            if (rejections != null && rejections.size() >= 2) {
                explained.put(source, rejections);
            }
        });
        return explained;
    }

    /** The rejections if the rule explains every attempt, else null. */
    private static List<Rejection> rejections(List<ConversationSummary> attempts) {
        List<ConversationSummary> inOrder = new ArrayList<>(attempts);
        inOrder.sort(Comparator.comparingLong(c -> c.first().epochNanos()));
        List<Rejection> rejections = new ArrayList<>();
        boolean anyAnswered = false;
        for (ConversationSummary attempt : inOrder) {
            ConversationSummary reference = remembered(inOrder, attempt);
            boolean lower = reference != null && serialBefore(attempt.synTsVal(), reference.clientLastTsVal());
            boolean answered = attempt.handshake() == Handshake.ESTABLISHED;
            if (answered == lower) {
                return null;
            }
            anyAnswered |= answered;
            if (!answered) {
                rejections.add(new Rejection(attempt, reference));
            }
        }
        return anyAnswered ? rejections : null;
    }

    /** The answered connection with the highest last TSval that closed within PAWS_MSL before {@code attempt}. */
    private static ConversationSummary remembered(List<ConversationSummary> inOrder, ConversationSummary attempt) {
        long start = attempt.first().epochNanos();
        ConversationSummary best = null;
        for (ConversationSummary c : inOrder) {
            long end = c.last().epochNanos();
            if (c == attempt || c.handshake() != Handshake.ESTABLISHED || !c.closed() || end > start
                    || start - end > PAWS_MSL_NANOS || c.clientLastTsVal() < 0) {
                continue;
            }
            if (best == null || serialBefore(best.clientLastTsVal(), c.clientLastTsVal())) {
                best = c;
            }
        }
        return best;
    }

    private static boolean serialBefore(long a, long b) {
        return (int) (a - b) < 0;
    }
}

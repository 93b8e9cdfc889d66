package dev.faultlab.detect.detectors;

import dev.faultlab.capture.read.MacAddress;
import dev.faultlab.detect.tcp.Endpoint;
import dev.faultlab.detect.tcp.FrameRef;
import dev.faultlab.detect.tcp.LongPairMap;
import dev.faultlab.detect.tcp.RecencyList;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * bridge-netfilter-off's connects waiting for their SYN-ACK, oldest first, at most {@code kept}: what an
 * insertion-ordered {@code LinkedHashMap<(capture, client, expected ack), attempt>} with a size bound did (adding one
 * past the bound hands the eldest to {@code dropped} and forgets it), with one object per connect instead of a key,
 * an endpoint, a map entry, frame references and an answer record: each connect stays for the next 20,000, through
 * several young collections, and then died in the old generation - the largest share of what a long capture
 * promoted. Connects from an IPv4 client are found by numbers ({@link LongPairMap}), others by a key in a HashMap.
 */
final class PendingConnects {
    /**
     * One connect attempt: the addresses its SYN was seen going to (before and after DNAT when the capture sees
     * both) and the SYN-ACKs that answered it, by sender address. The usual single destination and single answer
     * need no collection objects (the sets are made, the same way as the former ones, only for a second one).
     */
    static final class Attempt extends RecencyList.Node<Attempt> {
        final String capture;
        final InetAddress client;
        final int clientPort;
        final long expectedAck;
        final int port;
        private final long synFrame;
        private final long synNanos;
        final MacAddress synDestinationMac;
        /** The SYN's first destination; all of them, in a HashSet's order, once there is a second. */
        private InetAddress destination;
        private Set<InetAddress> destinations;
        /** The first SYN-ACK (its sender, frame and MAC) and how many SYN-ACKs came from its address. */
        private InetAddress answerFrom;
        private int answerPort;
        private long answerFrame;
        private long answerNanos;
        private MacAddress answerMac;
        private int answerSynAcks;
        /** The other answering addresses. */
        private Set<InetAddress> otherAnswerers;

        private Attempt(String capture, InetAddress client, int clientPort, long expectedAck, int port, long synFrame,
                        long synNanos, MacAddress synDestinationMac) {
            this.capture = capture;
            this.client = client;
            this.clientPort = clientPort;
            this.expectedAck = expectedAck;
            this.port = port;
            this.synFrame = synFrame;
            this.synNanos = synNanos;
            this.synDestinationMac = synDestinationMac;
        }

        void sentTo(InetAddress address) {
            if (destination == null) {
                destination = address;
            } else if (destinations == null && !destination.equals(address)) {
                destinations = new HashSet<>(2);
                destinations.add(destination);
                destinations.add(address);
            } else if (destinations != null) {
                destinations.add(address);
            }
        }

        /** A SYN-ACK for this connect from {@code from}:{@code fromPort}; the first one is kept. */
        void answered(InetAddress from, int fromPort, long frame, long nanos, MacAddress mac) {
            if (answerFrom == null) {
                answerFrom = from;
                answerPort = fromPort;
                answerFrame = frame;
                answerNanos = nanos;
                answerMac = mac;
            } else if (!from.equals(answerFrom)) {
                if (otherAnswerers == null) {
                    otherAnswerers = new HashSet<>(2);
                }
                otherAnswerers.add(from);
            }
            if (from.equals(answerFrom)) {
                answerSynAcks++;
            }
        }

        boolean answered() {
            return answerFrom != null;
        }

        private boolean answeredFrom(InetAddress address) {
            return answerFrom != null && (answerFrom.equals(address)
                    || otherAnswerers != null && otherAnswerers.contains(address));
        }

        /** The first destination (in the former set's order) that sent no SYN-ACK, or null. */
        InetAddress silentDestination() {
            if (destinations == null) {
                return destination == null || answeredFrom(destination) ? null : destination;
            }
            for (InetAddress d : destinations) {
                if (!answeredFrom(d)) {
                    return d;
                }
            }
            return null;
        }

        Endpoint clientEndpoint() {
            return new Endpoint(client, clientPort);
        }

        FrameRef syn() {
            return new FrameRef(synFrame, synNanos);
        }

        /** The first SYN-ACK's sender, frame and MAC (only when {@link #answered()}). */
        Endpoint answerFrom() {
            return new Endpoint(answerFrom, answerPort);
        }

        FrameRef answer() {
            return new FrameRef(answerFrame, answerNanos);
        }

        MacAddress answerMac() {
            return answerMac;
        }

        int answerSynAcks() {
            return answerSynAcks;
        }
    }

    /** The key of a connect from a client that is not IPv4. */
    private record OtherKey(String capture, InetAddress client, int clientPort, long expectedAck) {
        // written out: a record's generated equals/hashCode run through method handles C1 does not inline
        @Override
        public boolean equals(Object o) {
            return o instanceof OtherKey k && k.expectedAck == expectedAck && k.clientPort == clientPort
                    && k.client.equals(client) && k.capture.equals(capture);
        }

        @Override
        public int hashCode() {
            return ((capture.hashCode() * 31 + client.hashCode()) * 31 + clientPort) * 31 + Long.hashCode(expectedAck);
        }
    }

    private final int kept;
    private final Consumer<Attempt> dropped;
    private final LongPairMap<Attempt> ipv4 = new LongPairMap<>();
    private final Map<OtherKey, Attempt> others = new HashMap<>();
    private final RecencyList<Attempt> order = new RecencyList<>();
    private final CaptureIds captureIds = new CaptureIds();

    PendingConnects(int kept, Consumer<Attempt> dropped) {
        this.kept = kept;
        this.dropped = dropped;
    }

    /** The connect from {@code client}:{@code clientPort} whose SYN-ACK acknowledges {@code expectedAck}, or null. */
    Attempt get(String capture, InetAddress client, int clientPort, long expectedAck) {
        if (client instanceof Inet4Address) {
            return ipv4.get(first(client, clientPort), second(capture, expectedAck));
        }
        return others.get(new OtherKey(capture, client, clientPort, expectedAck));
    }

    /**
     * The connect of a SYN: the one already waiting with the same key, else a new one (the newest; past the bound
     * the eldest is handed to {@code dropped} and forgotten).
     */
    Attempt sent(String capture, InetAddress client, int clientPort, long expectedAck, int port, long synFrame,
                 long synNanos, MacAddress synDestinationMac) {
        Attempt known = get(capture, client, clientPort, expectedAck);
        if (known != null) {
            return known;
        }
        Attempt attempt = new Attempt(capture, client, clientPort, expectedAck, port, synFrame, synNanos,
                synDestinationMac);
        if (client instanceof Inet4Address) {
            ipv4.add(first(client, clientPort), second(capture, expectedAck), attempt);
        } else {
            others.put(new OtherKey(capture, client, clientPort, expectedAck), attempt);
        }
        order.append(attempt);
        if (size() > kept) {
            Attempt eldest = order.eldest();
            dropped.accept(eldest);
            remove(eldest);
        }
        return attempt;
    }

    /** Every waiting connect, oldest first, to {@code action}; then none is waiting. */
    void drain(Consumer<Attempt> action) {
        for (Attempt a = order.eldest(); a != null; a = a.newer()) {
            action.accept(a);
        }
        ipv4.clear();
        others.clear();
        order.clear();
    }

    private int size() {
        return ipv4.size() + others.size();
    }

    private void remove(Attempt a) {
        if (a.client instanceof Inet4Address) {
            ipv4.remove(first(a.client, a.clientPort), second(a.capture, a.expectedAck));
        } else {
            others.remove(new OtherKey(a.capture, a.client, a.clientPort, a.expectedAck));
        }
        order.unlink(a);
    }

    private static long first(InetAddress client, int port) {
        return (client.hashCode() & 0xffffffffL) << 16 | port & 0xffff; // Inet4Address's hash code is its address
    }

    private long second(String capture, long expectedAck) {
        return (long) captureIds.of(capture) << 32 | expectedAck & 0xffffffffL;
    }
}

package dev.faultlab.detect.detectors;

import dev.faultlab.capture.read.MacAddress;
import dev.faultlab.detect.tcp.Endpoint;
import dev.faultlab.detect.tcp.FrameRef;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * bridge-netfilter-off's connects waiting for their SYN-ACK, oldest first, at most {@code kept}: what an
 * insertion-ordered {@code LinkedHashMap<(capture, client, expected ack), attempt>} with a size bound did (adding one
 * past the bound hands the eldest to {@code dropped} and forgets it), with one object per connect instead of a key,
 * an endpoint, a map entry, frame references and an answer record. Past the bound the object of the connect dropped
 * becomes the new connect's (so {@code dropped} must not keep it): a connect stays for the next 20,000, through one
 * or two young collections that copied it, and then died in the old generation - objects reused sit there once for
 * all, and a busy capture's connects cost the collector nothing.
 *
 * <p>Connects only ever leave in the order they came (the eldest, past the bound), so they sit in a ring by
 * insertion number, and the one a new connect drops is the one in its place. Connects from an IPv4 client are
 * found through an open-addressing table of one long per place - the key's hash and the connect's insertion number
 * - checked against the connect itself; a dropped connect's place is not removed (that was a lookup of a place
 * untouched for 20,000 connects, a cache miss, per connect): its insertion number shows it gone, a later insertion
 * takes the place over, and the table is rebuilt from its live places when gone and live ones fill it. Others are
 * found by a key in a HashMap.
 */
final class PendingConnects {
    /**
     * One connect attempt: the addresses its SYN was seen going to (before and after DNAT when the capture sees
     * both) and the SYN-ACKs that answered it, by sender address. The usual single destination and single answer
     * need no collection objects (the sets are made, the same way as the former ones, only for a second one).
     */
    static final class Attempt {
        // not final: a connect's object is reused for the connect that drops it (see PendingConnects)
        String capture;
        InetAddress client;
        int clientPort;
        long expectedAck;
        int port;
        private long synFrame;
        private long synNanos;
        MacAddress synDestinationMac;
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
            start(capture, client, clientPort, expectedAck, port, synFrame, synNanos, synDestinationMac);
        }

        /** Makes this object a new connect's, as a fresh one would be (nothing of the former connect stays). */
        private Attempt start(String capture, InetAddress client, int clientPort, long expectedAck, int port,
                              long synFrame, long synNanos, MacAddress synDestinationMac) {
            this.capture = capture;
            this.client = client;
            this.clientPort = clientPort;
            this.expectedAck = expectedAck;
            this.port = port;
            this.synFrame = synFrame;
            this.synNanos = synNanos;
            this.synDestinationMac = synDestinationMac;
            destination = null;
            destinations = null;
            answerFrom = null;
            answerPort = 0;
            answerFrame = 0;
            answerNanos = 0;
            answerMac = null;
            answerSynAcks = 0;
            otherAnswerers = null;
            return this;
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

        /** Whether this (IPv4) connect has the key: the key of the table it replaced compared these numbers. */
        boolean is(String capture, InetAddress client, int clientPort, long expectedAck) {
            return ((this.expectedAck ^ expectedAck) & 0xffffffffL) == 0 && this.clientPort == clientPort
                    && this.client.hashCode() == client.hashCode() && this.capture.equals(capture);
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

    /** The table's first size, in places (a power of two). */
    private static final int FIRST_PLACES = 64;
    /** A place's top bit: set in every used place (an empty one is 0), so a hash of 0 still marks it used. */
    private static final int USED = 0x80000000;

    private final int kept;
    private final Consumer<Attempt> dropped;
    /**
     * The last {@code kept} connects, connect number i at i % kept: the eldest at {@link #inserted} % kept once
     * full. Grown while filling (until then i % kept is i).
     */
    private Attempt[] ring = new Attempt[16];
    /** Connects added so far (since the last drain). */
    private long inserted;
    /**
     * IPv4 connects by key: per place {@code (hash | USED) << 32 | insertion number mod 2^32}, linear probing. A place
     * whose connect was dropped stays until an insertion takes it over or a rebuild leaves it out.
     */
    private long[] places = new long[FIRST_PLACES];
    /** Places in use, of live connects and of dropped ones. */
    private int used;
    /** The IPv4 connects among the last {@code kept}. */
    private int ipv4Live;
    private final Map<OtherKey, Attempt> others = new HashMap<>();

    PendingConnects(int kept, Consumer<Attempt> dropped) {
        this.kept = kept;
        this.dropped = dropped;
    }

    /** The connect from {@code client}:{@code clientPort} whose SYN-ACK acknowledges {@code expectedAck}, or null. */
    Attempt get(String capture, InetAddress client, int clientPort, long expectedAck) {
        if (!(client instanceof Inet4Address)) {
            return others.get(new OtherKey(capture, client, clientPort, expectedAck));
        }
        int hash = hash(capture, client, clientPort, expectedAck);
        int mask = places.length - 1;
        for (int at = hash & mask; places[at] != 0; at = at + 1 & mask) {
            Attempt a = live(places[at], hash);
            if (a != null && a.is(capture, client, clientPort, expectedAck)) {
                return a;
            }
        }
        return null;
    }

    /**
     * The connect of a SYN: the one already waiting with the same key, else a new one (the newest; past the bound
     * the eldest is handed to {@code dropped} and forgotten).
     */
    Attempt sent(String capture, InetAddress client, int clientPort, long expectedAck, int port, long synFrame,
                 long synNanos, MacAddress synDestinationMac) {
        boolean ipv4 = client instanceof Inet4Address;
        int hash = 0;
        int free = -1;
        if (ipv4) {
            // one walk serves the lookup and the insertion: the first place of a dropped connect, else the empty end
            hash = hash(capture, client, clientPort, expectedAck);
            int mask = places.length - 1;
            int at = hash & mask;
            for (; places[at] != 0; at = at + 1 & mask) {
                long place = places[at];
                if (!isLive(place)) {
                    free = free < 0 ? at : free;
                    continue;
                }
                Attempt a = live(place, hash);
                if (a != null && a.is(capture, client, clientPort, expectedAck)) {
                    return a;
                }
            }
            if (free < 0) {
                free = at;
                used++;
            }
        } else {
            Attempt known = others.get(new OtherKey(capture, client, clientPort, expectedAck));
            if (known != null) {
                return known;
            }
        }
        if (ipv4) {
            places[free] = (long) (hash | USED) << 32 | inserted & 0xffffffffL;
            ipv4Live++;
        }
        // past the bound the eldest is dropped (its key is not the new one: it would have been found), and its object
        // becomes the new connect's, in its place in the ring
        Attempt eldest = inserted < kept ? null : ring[(int) (inserted % kept)];
        if (eldest != null) {
            if (eldest.client instanceof Inet4Address) {
                ipv4Live--; // its place shows it gone now (see isLive)
            } else {
                others.remove(new OtherKey(eldest.capture, eldest.client, eldest.clientPort, eldest.expectedAck));
            }
            dropped.accept(eldest);
        }
        Attempt attempt = eldest != null ? eldest.start(capture, client, clientPort, expectedAck, port, synFrame,
                synNanos, synDestinationMac) : new Attempt(capture, client, clientPort, expectedAck, port, synFrame,
                synNanos, synDestinationMac);
        append(attempt);
        if (!ipv4) {
            others.put(new OtherKey(capture, client, clientPort, expectedAck), attempt);
        }
        if (used * 8L > places.length * 5L) {
            rebuild();
        }
        return attempt;
    }

    /** Puts the newest connect in the ring, in the place of the eldest past the bound. */
    private void append(Attempt attempt) {
        if (inserted < kept && inserted == ring.length) {
            ring = Arrays.copyOf(ring, (int) Math.min(kept, 2L * ring.length));
        }
        ring[(int) (inserted++ % kept)] = attempt;
    }

    /** Whether a used place's connect is one of the last {@code kept} (its insertion number, mod 2^32, is). */
    private boolean isLive(long place) {
        long age = (inserted - place) & 0xffffffffL; // connects added since it, itself included
        return age >= 1 && age <= kept;
    }

    /** The connect of a used place with {@code hash} if it is live, else null. */
    private Attempt live(long place, int hash) {
        if ((int) (place >>> 32) != (hash | USED) || !isLive(place)) {
            return null;
        }
        long number = inserted - ((inserted - place) & 0xffffffffL);
        return ring[(int) (number % kept)];
    }

    /**
     * The places of live connects into a table where they take at most 3/8 (so that 1/4 of it is left for the
     * insertions before the next rebuild, at 5/8): the dropped ones' places are left behind.
     */
    private void rebuild() {
        int length = FIRST_PLACES;
        while (ipv4Live * 8L > length * 3L) {
            length *= 2;
        }
        long[] old = places;
        places = new long[length];
        int mask = length - 1;
        used = 0;
        for (long place : old) {
            if (place != 0 && isLive(place)) {
                int at = (int) (place >>> 32) & mask;
                while (places[at] != 0) {
                    at = at + 1 & mask;
                }
                places[at] = place;
                used++;
            }
        }
    }

    /** Every waiting connect, oldest first, to {@code action}; then none is waiting. */
    void drain(Consumer<Attempt> action) {
        for (long n = Math.max(0, inserted - kept); n < inserted; n++) {
            action.accept(ring[(int) (n % kept)]);
        }
        Arrays.fill(ring, null);
        inserted = 0;
        Arrays.fill(places, 0);
        used = 0;
        ipv4Live = 0;
        others.clear();
    }

    /** The table's hash of an IPv4 key (Inet4Address's hash code is its address). */
    private static int hash(String capture, InetAddress client, int clientPort, long expectedAck) {
        return KeyHash.finish(KeyHash.with(KeyHash.with(KeyHash.with(capture.hashCode(), client.hashCode()),
                clientPort), (int) expectedAck));
    }
}

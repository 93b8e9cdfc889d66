package dev.faultlab.detect.detectors;

import dev.faultlab.capture.read.MacAddress;
import dev.faultlab.capture.read.Packet;
import dev.faultlab.detect.Evidence;
import dev.faultlab.detect.tcp.FrameRef;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Which link-layer address each sender used for each receiver, and which addresses each receiver sends from,
 * in one kind of view of the overlay: VTEP to VTEP with the inner frame's MACs (an underlay capture), or IP to
 * IP with the Ethernet MACs (a capture on the decapsulated device). Counts and first/last frames per (sender,
 * receiver, destination MAC), so a stuck entry can be told from one frame sent during a change. Per frame it
 * costs one lookup by address pair (every frame of a capture passes here); the per-address and per-MAC views
 * are derived once, when asked.
 */
final class MacAddressing {
    private static final int PAIRS_KEPT = 32_768;
    private static final int MACS_PER_PAIR = 4;

    /** One sender addressing one receiver with one destination MAC. */
    record Use(String capture, InetAddress from, InetAddress to, MacAddress destination) {
    }

    /** How often, and when, a {@link Use} happened. */
    static final class Seen {
        final MacAddress destination;
        /** Built only if this use is reported: formatting every pair's first frame costs more than reading it. */
        final Supplier<Evidence> first;
        final FrameRef firstFrame;
        long lastFrame;
        long lastNanos;
        int count;

        Seen(MacAddress destination, Supplier<Evidence> first, FrameRef firstFrame) {
            this.destination = destination;
            this.first = first;
            this.firstFrame = firstFrame;
        }

        double spanSeconds() {
            return (lastNanos - firstFrame.epochNanos()) / 1e9;
        }
    }

    /** What one address sent: from which MACs, and when it last sent. */
    static final class Sender {
        final Set<MacAddress> macs = new LinkedHashSet<>();
        long lastNanos = Long.MIN_VALUE;
        int count;
    }

    /** The frames of one address pair: the source MACs they came from and the destination MACs they went to. */
    private static final class PairFrames {
        final List<MacAddress> sources = new ArrayList<>(1);
        final List<Seen> destinations = new ArrayList<>(1);
        long lastNanos;
        int count;
    }

    /** In first-seen order; {@link #inFormerOrder()} gives the order the derived views are built in. */
    private final Map<AddressPair, PairFrames> pairs = new LinkedHashMap<>();
    private final AddressPair probe = new AddressPair();
    /** The pairs of the last two frames (pairs are never dropped, so their frames stay the ones in the map). */
    private AddressPair recent;
    private PairFrames recentFrames;
    private AddressPair previous;
    private PairFrames previousFrames;
    private Map<FormerPair, PairFrames> inFormerOrder;

    /**
     * The key pairs had when they lived in a HashMap: the derived views (and so the order findings list uses
     * in) follow its hash order, kept by rebuilding that map, in first-seen order, once asked.
     */
    private record FormerPair(String capture, InetAddress from, InetAddress to) {
    }

    private Map<FormerPair, PairFrames> inFormerOrder() {
        if (inFormerOrder == null) {
            inFormerOrder = new HashMap<>();
            pairs.forEach((pair, p) -> inFormerOrder.put(new FormerPair(pair.capture(), pair.from(), pair.to()), p));
        }
        return inFormerOrder;
    }
    private Map<Use, Seen> uses;
    private Map<AddressPair, Sender> senders;

    /**
     * One frame from {@code from} to {@code to}; {@code detail} describes the packet if it is ever reported (a
     * function, not a closure over the packet: the evidence is built, and the packet kept, only for a new use).
     */
    void frame(String capture, InetAddress from, InetAddress to, MacAddress source, MacAddress destination,
               Packet packet, Function<Packet, String> detail) {
        PairFrames p = pairOf(capture, from, to);
        if (p == null) {
            return;
        }
        long frame = packet.frame();
        long nanos = packet.epochNanos();
        p.count++;
        p.lastNanos = nanos;
        if (!p.sources.contains(source) && p.sources.size() < MACS_PER_PAIR) {
            p.sources.add(source);
        }
        if (destination.isGroup()) {
            return;
        }
        for (int i = 0; i < p.destinations.size(); i++) { // indexed: no iterator per frame
            Seen seen = p.destinations.get(i);
            if (seen.destination.equals(destination)) {
                seen.count++;
                seen.lastFrame = frame;
                seen.lastNanos = nanos;
                return;
            }
        }
        if (p.destinations.size() < MACS_PER_PAIR) {
            FrameRef ref = new FrameRef(frame, nanos);
            Seen seen = new Seen(destination, () -> Evidence.frame(capture, ref, from.getHostAddress() + " > "
                    + to.getHostAddress(), detail.apply(packet)), ref);
            seen.count = 1;
            seen.lastFrame = frame;
            seen.lastNanos = nanos;
            p.destinations.add(seen);
        }
    }

    /**
     * The frames of a pair, made on its first frame; null past the cap. The last two pairs are remembered: a
     * conversation's frames alternate between its two directions, and a map lookup per frame costs cache misses
     * in a map of tens of thousands of pairs.
     */
    private PairFrames pairOf(String capture, InetAddress from, InetAddress to) {
        if (recent != null && recent.is(capture, from, to)) {
            return recentFrames;
        }
        if (previous != null && previous.is(capture, from, to)) {
            return previousFrames;
        }
        PairFrames p = pairs.get(probe.set(capture, from, to));
        if (p == null) {
            if (pairs.size() >= PAIRS_KEPT) {
                return null;
            }
            p = new PairFrames();
            pairs.put(probe.copy(), p);
        }
        previous = recent;
        previousFrames = recentFrames;
        recent = probe.copy();
        recentFrames = p;
        return p;
    }

    Map<Use, Seen> uses() {
        if (uses == null) {
            uses = new LinkedHashMap<>();
            inFormerOrder().forEach((pair, p) -> p.destinations.forEach(seen -> uses.put(new Use(pair.capture(),
                    pair.from(), pair.to(), seen.destination), seen)));
        }
        return uses;
    }

    /** What {@code address} sent in {@code capture}, or null when it sent nothing there. */
    Sender sender(String capture, InetAddress address) {
        if (senders == null) {
            senders = new HashMap<>();
            inFormerOrder().forEach((pair, p) -> {
                Sender s = senders.computeIfAbsent(new AddressPair(pair.capture(), pair.from(), null),
                        k -> new Sender());
                s.macs.addAll(p.sources);
                s.lastNanos = Math.max(s.lastNanos, p.lastNanos);
                s.count += p.count;
            });
        }
        return senders.get(new AddressPair(capture, address, null));
    }

    boolean everSentFrom(String capture, MacAddress mac) {
        return pairs.entrySet().stream().anyMatch(e -> e.getKey().capture().equals(capture)
                && e.getValue().sources.contains(mac));
    }
}

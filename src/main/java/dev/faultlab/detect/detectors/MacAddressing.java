package dev.faultlab.detect.detectors;

import dev.faultlab.capture.read.MacAddress;
import dev.faultlab.detect.Evidence;
import dev.faultlab.detect.tcp.FrameRef;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which link-layer address each sender used for each receiver, and which addresses each receiver sends from,
 * in one kind of view of the overlay: VTEP to VTEP with the inner frame's MACs (an underlay capture), or IP to
 * IP with the Ethernet MACs (a capture on the decapsulated device). Bounded; counts and first/last frames per
 * (sender, receiver, destination MAC) so a stuck entry can be told from one frame sent during a change.
 */
final class MacAddressing {
    private static final int ADDRESSES_KEPT = 4096;
    private static final int MACS_PER_ADDRESS = 8;
    private static final int USES_KEPT = ADDRESSES_KEPT * MACS_PER_ADDRESS;

    /** One sender addressing one receiver with one destination MAC. */
    record Use(String capture, InetAddress from, InetAddress to, MacAddress destination) {
    }

    /** How often, and when, a {@link Use} happened. */
    static final class Seen {
        final Evidence first;
        final FrameRef firstFrame;
        FrameRef last;
        int count;

        Seen(Evidence first, FrameRef firstFrame) {
            this.first = first;
            this.firstFrame = firstFrame;
            this.last = firstFrame;
        }

        double spanSeconds() {
            return last.secondsAfter(firstFrame);
        }
    }

    /** What one address sent: from which MACs, and when it last sent. */
    static final class Sender {
        final Set<MacAddress> macs = new LinkedHashSet<>();
        FrameRef last;
        int count;
    }

    private final Map<String, Map<InetAddress, Sender>> senders = new LinkedHashMap<>();
    private final Map<String, Set<MacAddress>> sourceMacs = new LinkedHashMap<>();
    private final Map<Use, Seen> uses = new LinkedHashMap<>();

    void sent(String capture, InetAddress from, MacAddress source, FrameRef frame) {
        Map<InetAddress, Sender> bySender = senders.computeIfAbsent(capture, k -> new LinkedHashMap<>());
        Sender s = bySender.get(from);
        if (s == null && bySender.size() < ADDRESSES_KEPT) {
            s = new Sender();
            bySender.put(from, s);
        }
        if (s != null) {
            if (s.macs.size() < MACS_PER_ADDRESS) {
                s.macs.add(source);
            }
            s.last = frame;
            s.count++;
        }
        Set<MacAddress> all = sourceMacs.computeIfAbsent(capture, k -> new LinkedHashSet<>());
        if (all.size() < USES_KEPT) {
            all.add(source);
        }
    }

    void addressed(Use use, FrameRef frame, Evidence evidence) {
        Seen seen = uses.get(use);
        if (seen == null) {
            if (uses.size() >= USES_KEPT) {
                return;
            }
            seen = new Seen(evidence, frame);
            uses.put(use, seen);
        }
        seen.last = frame;
        seen.count++;
    }

    Map<Use, Seen> uses() {
        return uses;
    }

    Sender sender(String capture, InetAddress address) {
        return senders.getOrDefault(capture, Map.of()).get(address);
    }

    boolean everSentFrom(String capture, MacAddress mac) {
        return sourceMacs.getOrDefault(capture, Set.of()).contains(mac);
    }
}

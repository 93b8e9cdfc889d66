package dev.faultlab.detect.detectors;

import dev.faultlab.capture.read.MacAddress;
import dev.faultlab.capture.read.Packet;
import dev.faultlab.detect.Evidence;
import dev.faultlab.detect.tcp.FrameRef;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
    /** {@link #numbered}'s first size (a power of two). */
    private static final int FIRST_PLACES = 256;
    /** Frames remembered at the end of each use: enough to see that a use went on after its target's MAC moved. */
    static final int RECENT = 3;

    /** One sender addressing one receiver with one destination MAC. */
    record Use(String capture, InetAddress from, InetAddress to, MacAddress destination) {
        // written out: a record's generated equals/hashCode run through method handles C1 does not inline, and a
        // conclusion puts and looks up every use (the map is insertion-ordered: the hash decides no order)
        @Override
        public boolean equals(Object o) {
            return o instanceof Use u && u.destination.equals(destination) && u.to.equals(to) && u.from.equals(from)
                    && u.capture.equals(capture);
        }

        @Override
        public int hashCode() {
            return KeyHash.finish(KeyHash.with(KeyHash.with(KeyHash.with(capture.hashCode(), from.hashCode()),
                    to.hashCode()), destination.hashCode()));
        }
    }

    /**
     * How often, and when, a {@link Use} happened. Set once, on the use's first frame ({@link #begin}): a pair's
     * first destination's use is the pair's own {@link PairFrames} (one object per pair, not two).
     */
    static class Seen {
        MacAddress destination;
        /** Built only if this use is reported: formatting every pair's first frame costs more than reading it. */
        Supplier<Evidence> first;
        FrameRef firstFrame;
        long lastNanos;
        int count;
        /**
         * The last {@link #RECENT} (three) frames' numbers and times, round robin by count: fields, not two arrays,
         * so that counting a frame touches this object only (every frame of a capture lands in some use).
         */
        private long recentFrame0;
        private long recentFrame1;
        private long recentFrame2;
        private long recentNanos0;
        private long recentNanos1;
        private long recentNanos2;
        /** The next frame's place among the three, {@code (count + 1) % RECENT}, turned without a division. */
        private int slot = 1;

        /** The use's first frame went to {@code destination}. */
        final void begin(MacAddress destination, Supplier<Evidence> first, FrameRef firstFrame) {
            this.destination = destination;
            this.first = first;
            this.firstFrame = firstFrame;
        }

        double spanSeconds() {
            return (lastNanos - firstFrame.epochNanos()) / 1e9;
        }

        private void add(long frame, long nanos) {
            count++;
            lastNanos = nanos;
            if (slot == 0) {
                recentFrame0 = frame;
                recentNanos0 = nanos;
            } else if (slot == 1) {
                recentFrame1 = frame;
                recentNanos1 = nanos;
            } else {
                recentFrame2 = frame;
                recentNanos2 = nanos;
            }
            slot = slot == RECENT - 1 ? 0 : slot + 1;
        }

        /** The oldest of the last {@link #RECENT} frames (of all of them when there were fewer). */
        FrameRef oldestRecent() {
            int i = count < RECENT ? 1 % RECENT : (count + 1) % RECENT;
            return i == 0 ? new FrameRef(recentFrame0, recentNanos0)
                    : i == 1 ? new FrameRef(recentFrame1, recentNanos1) : new FrameRef(recentFrame2, recentNanos2);
        }
    }

    /** A receiver that stopped sending from one MAC and then sent from another only: a VTEP recreated. */
    record Move(MacAddress retired, MacAddress current, long atNanos) {
    }

    /** What one address sent: from which MACs, and when it last sent. */
    static final class Sender {
        final Set<MacAddress> macs = new LinkedHashSet<>();
        /** First and last time each MAC was sent from. */
        final Map<MacAddress, long[]> spans = new HashMap<>();
        long lastNanos = Long.MIN_VALUE;
        int count;

        /**
         * Two MACs used one after the other, never interleaved (a VTEP recreated with a new MAC while the capture
         * ran), or null. An L2 overlay or a router pair interleaves its MACs.
         */
        Move moved() {
            if (macs.size() != 2) {
                return null;
            }
            var it = macs.iterator();
            MacAddress a = it.next();
            MacAddress b = it.next();
            long[] sa = spans.get(a);
            long[] sb = spans.get(b);
            if (sa[1] < sb[0]) {
                return new Move(a, b, sb[0]);
            }
            return sb[1] < sa[0] ? new Move(b, a, sa[0]) : null;
        }
    }

    /**
     * The frames of one address pair: the source MACs they came from and the destination MACs they went to. The
     * first source and the first destination (nearly always the only ones) sit in fields, and the first
     * destination's use is this object itself (the {@link Seen} it extends), so that counting a frame touches this
     * object only: every frame of a capture passes here, and a pair is first touched per connection of a busy
     * capture, each further object reached a cache miss. Later MACs, up to {@value #MACS_PER_PAIR} of each, in
     * arrays made for the second one.
     */
    private static final class PairFrames extends Seen {
        /** Its key in {@link #pairs}. */
        final AddressPair key;
        /** An IPv4 pair's addresses ({@link AddressPairIndex#pair}) and capture number: its key in {@link #numbered}. */
        final long addresses;
        final int captureId;
        /** The first source MAC's value, and when it was first and last sent from. */
        long source0;
        long source0First;
        long source0Last;
        /** The first destination MAC's value (its use is this object). */
        long destination0;
        /** Source i >= 1 at 3 (i - 1): its value, first and last use; made with the second source. */
        long[] moreSources;
        /** Destination i >= 1's value and use at i - 1; made with the second destination. */
        long[] moreDestinations;
        Seen[] moreSeen;
        /** How many source and destination MACs are kept (at most {@value #MACS_PER_PAIR} of each). */
        int sourceCount;
        int destinationCount;
        /** The time and number of all the pair's frames (the {@link Seen} fields count its first destination's). */
        long pairLastNanos;
        int pairCount;
        /** Whether a frame went to a broadcast or multicast MAC (ARP, flooding, MLD): an L2 segment. */
        boolean group;
        /**
         * The frames of the same addresses the other way, once a frame of one followed a frame of the other (pairs
         * are never dropped, so the link stays what a lookup finds): a conversation's reply costs no lookup.
         */
        PairFrames reverse;

        PairFrames(AddressPair key, long addresses, int captureId) {
            this.key = key;
            this.addresses = addresses;
            this.captureId = captureId;
        }

        /** The source MACs in first-seen order (built for a conclusion; frames read the fields). */
        List<MacAddress> sources() {
            List<MacAddress> macs = new ArrayList<>(sourceCount);
            for (int i = 0; i < sourceCount; i++) {
                macs.add(new MacAddress(i == 0 ? source0 : moreSources[3 * (i - 1)]));
            }
            return macs;
        }

        /** The destination MACs' uses in first-seen order (built for a conclusion). */
        List<Seen> destinations() {
            List<Seen> seen = new ArrayList<>(destinationCount);
            for (int i = 0; i < destinationCount; i++) {
                seen.add(i == 0 ? this : moreSeen[i - 1]);
            }
            return seen;
        }

        /** Which source MAC (index in first-seen order) has the value {@code value}, or -1. */
        int sourceIndex(long value) {
            if (sourceCount == 0) {
                return -1;
            }
            if (source0 == value) {
                return 0;
            }
            for (int i = 1; i < sourceCount; i++) {
                if (moreSources[3 * (i - 1)] == value) {
                    return i;
                }
            }
            return -1;
        }

        /** Adds a source MAC first sent from at {@code nanos}; returns its index. */
        int addSource(MacAddress mac, long nanos) {
            int i = sourceCount++;
            if (i == 0) {
                source0 = mac.value();
                source0First = nanos;
            } else {
                if (moreSources == null) {
                    moreSources = new long[3 * (MACS_PER_PAIR - 1)];
                }
                moreSources[3 * (i - 1)] = mac.value();
                moreSources[3 * (i - 1) + 1] = nanos;
            }
            return i;
        }

        /** Source {@code i} was sent from at {@code nanos}. */
        void sourceUsed(int i, long nanos) {
            if (i == 0) {
                source0Last = nanos;
            } else {
                moreSources[3 * (i - 1) + 2] = nanos;
            }
        }

        long sourceFirst(int i) {
            return i == 0 ? source0First : moreSources[3 * (i - 1) + 1];
        }

        long sourceLast(int i) {
            return i == 0 ? source0Last : moreSources[3 * (i - 1) + 2];
        }

        /** The use of the destination MAC value {@code value}, or null. */
        Seen seen(long value) {
            if (destinationCount == 0) {
                return null;
            }
            if (destination0 == value) {
                return this;
            }
            for (int i = 1; i < destinationCount; i++) {
                if (moreDestinations[i - 1] == value) {
                    return moreSeen[i - 1];
                }
            }
            return null;
        }

        /** Adds the use of a new destination MAC: this object for the first one, else {@code seen}. */
        void addDestination(Seen seen) {
            int i = destinationCount++;
            if (i == 0) {
                destination0 = seen.destination.value();
            } else {
                if (moreDestinations == null) {
                    moreDestinations = new long[MACS_PER_PAIR - 1];
                    moreSeen = new Seen[MACS_PER_PAIR - 1];
                }
                moreDestinations[i - 1] = seen.destination.value();
                moreSeen[i - 1] = seen;
            }
        }
    }

    /** In first-seen order; {@link #inFormerOrder()} gives the order the derived views are built in. */
    private final Map<AddressPair, PairFrames> pairs = new LinkedHashMap<>();
    /**
     * The IPv4 pairs of {@link #pairs}, found by number: open addressing (linear probing, at most 3/8 full) over
     * the pairs themselves, which hold their key. A lookup reads one place and the pair it finds, which a frame
     * reads anyway; a map's node and key, or an index's entry and value slot, are one or two cache misses more per
     * new connection of a busy capture.
     */
    private PairFrames[] numbered = new PairFrames[FIRST_PLACES];
    private int numberedCount;
    private final CaptureIds captures = new CaptureIds();
    private final AddressPair probe = new AddressPair();
    /**
     * The pairs of the last two frames (pairs are never dropped, so their frames stay the ones in the map), their
     * addresses in fields: a stored key is one more object reached, a cache miss, per change of pair.
     */
    private String recentCapture;
    private InetAddress recentFrom;
    private InetAddress recentTo;
    private PairFrames recentFrames;
    private String previousCapture;
    private InetAddress previousFrom;
    private InetAddress previousTo;
    private PairFrames previousFrames;
    private Map<FormerPair, PairFrames> inFormerOrder;
    private Set<AddressPair> l2;

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
        p.pairCount++;
        p.pairLastNanos = nanos;
        // the pair's first MACs (nearly always its only ones) are tested here: no call for most frames
        if (p.sourceCount > 0 && p.source0 == source.value()) {
            p.source0Last = nanos;
        } else {
            int s = p.sourceIndex(source.value());
            if (s < 0 && p.sourceCount < MACS_PER_PAIR) {
                s = p.addSource(source, nanos);
            }
            if (s >= 0) {
                p.sourceUsed(s, nanos);
            }
        }
        if (destination.isGroup()) {
            p.group = true;
            return;
        }
        Seen known = p.destinationCount > 0 && p.destination0 == destination.value() ? p
                : p.seen(destination.value());
        if (known != null) {
            known.add(frame, nanos);
            return;
        }
        if (p.destinationCount < MACS_PER_PAIR) {
            FrameRef ref = new FrameRef(frame, nanos);
            Seen seen = p.destinationCount == 0 ? p : new Seen();
            seen.begin(destination, () -> Evidence.frame(capture, ref, from.getHostAddress() + " > "
                    + to.getHostAddress(), detail.apply(packet)), ref);
            seen.add(frame, nanos);
            p.addDestination(seen);
        }
    }

    /**
     * The frames of a pair, made on its first frame; null past the cap. The last two pairs are remembered: a
     * conversation's frames alternate between its two directions, and a map lookup per frame costs cache misses
     * in a map of tens of thousands of pairs.
     */
    private PairFrames pairOf(String capture, InetAddress from, InetAddress to) {
        // the decoder hands out one instance per address, mostly: the same instances first, for both pairs (the
        // two are never equal, so the order of the tests does not change which one is found)
        if (recentFrom == from && recentTo == to && recentCapture == capture && recentFrames != null) {
            return recentFrames;
        }
        if (previousFrom == from && previousTo == to && previousCapture == capture && previousFrames != null) {
            return previousFrames;
        }
        if (recentFrames != null && same(recentCapture, recentFrom, recentTo, capture, from, to)) {
            return recentFrames;
        }
        if (previousFrames != null && same(previousCapture, previousFrom, previousTo, capture, from, to)) {
            return previousFrames;
        }
        // the first frame the other way after a frame of the pair (a reply): its frames are linked to the pair's
        boolean replying = recentFrames != null && same(recentCapture, recentFrom, recentTo, capture, to, from);
        PairFrames p = replying ? recentFrames.reverse : null;
        if (p == null) {
            boolean indexable = AddressPairIndex.indexable(from, to);
            long addresses = indexable ? AddressPairIndex.pair(from, to) : 0;
            int captureId = indexable ? captures.of(capture) : 0;
            // every IPv4 pair kept is numbered, so one the table lacks is not in the map either
            p = indexable ? numbered(addresses, captureId) : pairs.get(probe.set(capture, from, to));
            if (p == null) {
                if (pairs.size() >= PAIRS_KEPT) {
                    return null;
                }
                p = new PairFrames(new AddressPair(capture, from, to), addresses, captureId);
                pairs.put(p.key, p);
                if (indexable) {
                    number(p);
                }
            }
            if (replying) {
                p.reverse = recentFrames;
                recentFrames.reverse = p;
            }
        }
        previousCapture = recentCapture;
        previousFrom = recentFrom;
        previousTo = recentTo;
        previousFrames = recentFrames;
        recentCapture = capture;
        recentFrom = from;
        recentTo = to;
        recentFrames = p;
        return p;
    }

    /** The IPv4 pair with these addresses ({@link AddressPairIndex#pair}) in capture {@code captureId}, or null. */
    private PairFrames numbered(long addresses, int captureId) {
        PairFrames[] places = numbered;
        int mask = places.length - 1;
        for (int at = place(addresses, captureId) & mask; ; at = at + 1 & mask) {
            PairFrames p = places[at];
            if (p == null || p.addresses == addresses && p.captureId == captureId) {
                return p;
            }
        }
    }

    /** Adds an IPv4 pair that is not in {@link #numbered} yet (doubling the table past 3/8 full). */
    private void number(PairFrames pair) {
        if (++numberedCount * 8L > numbered.length * 3L) {
            PairFrames[] old = numbered;
            numbered = new PairFrames[old.length * 2];
            for (PairFrames p : old) {
                if (p != null) {
                    put(p);
                }
            }
        }
        put(pair);
    }

    private void put(PairFrames pair) {
        int mask = numbered.length - 1;
        int at = place(pair.addresses, pair.captureId) & mask;
        while (numbered[at] != null) {
            at = at + 1 & mask;
        }
        numbered[at] = pair;
    }

    /** A pair's hash: cluster addresses differ in a few low bits of each half, spread here over all of them. */
    private static int place(long addresses, int captureId) {
        long h = (addresses + captureId) * 0x9E3779B97F4A7C15L;
        h ^= h >>> 32;
        h *= 0xC2B2AE3D27D4EB4FL;
        return (int) (h ^ h >>> 29);
    }

    /** Whether {@code (c, f, t)} is the pair {@code (capture, from, to)} (same instances compare first). */
    private static boolean same(String c, InetAddress f, InetAddress t, String capture, InetAddress from,
                                InetAddress to) {
        return (f == from || f.equals(from)) && (t == to || t.equals(to)) && (c == capture || c.equals(capture));
    }

    Map<Use, Seen> uses() {
        if (uses == null) {
            uses = new LinkedHashMap<>();
            inFormerOrder().forEach((pair, p) -> p.destinations().forEach(seen -> uses.put(new Use(pair.capture(),
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
                List<MacAddress> sources = p.sources();
                s.macs.addAll(sources);
                for (int i = 0; i < sources.size(); i++) {
                    long[] span = s.spans.computeIfAbsent(sources.get(i), m -> new long[] {Long.MAX_VALUE, 0});
                    span[0] = Math.min(span[0], p.sourceFirst(i));
                    span[1] = Math.max(span[1], p.sourceLast(i));
                }
                s.lastNanos = Math.max(s.lastNanos, p.pairLastNanos);
                s.count += p.pairCount;
            });
        }
        return senders.get(new AddressPair(capture, address, null));
    }

    /**
     * Whether frames to or from {@code address} in {@code capture} went to broadcast or multicast MACs: an L2
     * segment (pods bridged onto a VXLAN, ARP and flooding inside it), where MACs are pods' and ARP corrects
     * itself. Flannel's L3 overlay carries none: its peers' entries are PERMANENT and nothing floods.
     */
    boolean onL2Segment(String capture, InetAddress address) {
        if (l2 == null) {
            l2 = new HashSet<>();
            pairs.forEach((pair, p) -> {
                if (p.group) {
                    l2.add(new AddressPair(pair.capture(), pair.from(), null));
                    l2.add(new AddressPair(pair.capture(), pair.to(), null));
                }
            });
        }
        return l2.contains(new AddressPair(capture, address, null));
    }

    boolean everSentFrom(String capture, MacAddress mac) {
        return sentFromAfter(capture, mac, Long.MIN_VALUE);
    }

    /** Whether anyone in {@code capture} sent from {@code mac} after {@code nanos}. */
    boolean sentFromAfter(String capture, MacAddress mac, long nanos) {
        return pairs.entrySet().stream().anyMatch(e -> {
            int i = e.getValue().sourceIndex(mac.value());
            return i >= 0 && e.getKey().capture().equals(capture) && e.getValue().sourceLast(i) > nanos;
        });
    }
}

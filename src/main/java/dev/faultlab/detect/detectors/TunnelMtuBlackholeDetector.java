package dev.faultlab.detect.detectors;

import dev.faultlab.capture.read.IcmpMessage;
import dev.faultlab.capture.read.Packet;
import dev.faultlab.capture.read.TcpHeader;
import dev.faultlab.detect.AnalysisContext;
import dev.faultlab.detect.Causes;
import dev.faultlab.detect.Detector;
import dev.faultlab.detect.Evidence;
import dev.faultlab.detect.Finding;
import dev.faultlab.detect.LookAlike;
import dev.faultlab.detect.PacketKind;
import dev.faultlab.detect.state.HostSnapshot;
import dev.faultlab.detect.state.CounterReading;
import dev.faultlab.detect.state.HostStates;
import dev.faultlab.detect.state.LinkStats;
import dev.faultlab.detect.tcp.FrameRef;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * A path MTU black hole: a hop with a smaller MTU (a VXLAN or IPIP tunnel, a jumbo-to-1500 boundary) drops
 * full-size DF packets, and the ICMP fragmentation-needed / packet-too-big that would tell the sender is
 * filtered or ignored. Seen from the sender (or a forwarding node), the data at the receiver's stuck ACK point is
 * transmitted again and again at one size while smaller packets on the same path keep being delivered; seen
 * from the receiver, the receiver SACKs data beyond a gap that never reaches it. Silent when the sender reacts
 * to ICMP (PMTUD works); reported as recovered when TCP MTU probing gets the data through smaller after a
 * stall. The same-size losses must be repeated and a size threshold shown before it is named as the root
 * cause: ordinary loss, a firewall drop, a dead receiver and GSO super-frames produce retransmissions too.
 */
public final class TunnelMtuBlackholeDetector implements Detector {
    /** One RTO retransmission is ordinary loss; three in a row (4 transmissions) of the same data is a pattern. */
    private static final int MIN_TRANSMISSIONS = 4;
    /** RTO backoff from 200 ms makes four transmissions span at least 1.4 s; ordinary recovery is faster. */
    private static final double MIN_STALL_SECONDS = 1.0;
    /**
     * The repetition is in the stall (at least four losses of the same size); next to it, one smaller packet
     * delivered after the first loss (re-SACKed by every duplicate ACK) shows the path still carries smaller
     * packets. Without any, size is not shown to matter.
     */
    private static final int MIN_SMALLER_DELIVERED = 1;
    /** The far end answering once could be a last packet already in flight; twice shows it is up. */
    private static final int MIN_REPLIES = 2;
    /** One receiver-side gap could be one unlucky loss; the same gap in two connections is a pattern. */
    private static final int MIN_HOLES = 2;
    /** A sender that saw the ICMP shrinks its very next transmission; two more full-size ones mean it did not. */
    private static final int MIN_IGNORED_AFTER_ICMP = 2;
    /** Recovery faster than this is PMTUD or ordinary loss recovery, not a black hole. */
    private static final double RECOVERY_WORTH_REPORTING_SECONDS = 1.0;
    private static final int FLIGHTS_KEPT = 50_000;
    private static final int PATHS_KEPT = 10_000;
    private static final int ICMP_FLOWS_KEPT = 10_000;
    private static final Set<String> TUNNEL_KINDS = Set.of("ipip", "vxlan", "gre", "gretap", "sit", "ip6tnl",
            "geneve", "wireguard");

    /**
     * One direction of a connection as the flights map's key. Not a record: every TCP packet looks up two flights,
     * and a record's equals/hashCode run through method handles that the launcher's C1-only JIT does not inline;
     * the lookups reuse one mutable probe; the flights keep an IPv4 key as its two numbers and others as {@link
     * FlightKey#copy() copies}.
     */
    static final class FlightKey implements RecentFlights.Key {
        private String capture;
        private int captureId;
        private InetAddress from;
        private int fromPort;
        private InetAddress to;
        private int toPort;
        private int hash;
        /** The key as two numbers when both addresses are IPv4 (see {@link RecentFlights.Key}). */
        private boolean numbered;
        private long first;
        private long second;

        FlightKey set(String capture, int captureId, InetAddress from, int fromPort, InetAddress to, int toPort) {
            // a connection's packets come in runs, alternating between its two directions: the same address instances
            // as this key's, or the same swapped, give the numbers it holds without reading the addresses again (two
            // virtual calls per TCP packet)
            if (capture == this.capture && captureId == this.captureId) {
                if (from == this.from && to == this.to && fromPort == this.fromPort && toPort == this.toPort) {
                    return this;
                }
                if (from == this.to && to == this.from && fromPort == this.toPort && toPort == this.fromPort) {
                    return reverse();
                }
            }
            this.capture = capture;
            this.captureId = captureId;
            this.from = from;
            this.fromPort = fromPort;
            this.to = to;
            this.toPort = toPort;
            numbered = AddressPairIndex.indexable(from, to);
            first = numbered ? AddressPairIndex.pair(from, to) : 0;
            second = (long) captureId << 32 | (fromPort & 0xffffL) << 16 | toPort & 0xffffL;
            hash = hash();
            return this;
        }

        /** Makes this key the opposite direction's (the same numbers, swapped: no address is read again). */
        FlightKey reverse() {
            InetAddress address = from;
            from = to;
            to = address;
            int port = fromPort;
            fromPort = toPort;
            toPort = port;
            first = numbered ? Long.rotateLeft(first, 32) : 0;
            second = (long) captureId << 32 | (fromPort & 0xffffL) << 16 | toPort & 0xffffL;
            hash = hash();
            return this;
        }

        private int hash() {
            // the flights are access-ordered: their order does not follow the hash, which can mix well; an IPv4
            // key's numbers are the key (same capture id, same capture), and hash as cheaply
            return numbered ? Long.hashCode(first * 0x9E3779B97F4A7C15L ^ second)
                    : KeyHash.finish(KeyHash.with(KeyHash.with(KeyHash.with(KeyHash.with(capture.hashCode(),
                    from.hashCode()), fromPort), to.hashCode()), toPort));
        }

        @Override
        public FlightKey copy() {
            return new FlightKey().set(capture, captureId, from, fromPort, to, toPort);
        }

        /** An IPv4 flight is its addresses, ports and capture as two numbers. */
        @Override
        public boolean numbered() {
            return numbered;
        }

        @Override
        public long first() {
            return first;
        }

        @Override
        public long second() {
            return second;
        }

        @Override
        public long reverseFirst() {
            return Long.rotateLeft(first, 32); // the two addresses swapped
        }

        @Override
        public long reverseSecond() {
            return (long) captureId << 32 | (toPort & 0xffffL) << 16 | fromPort & 0xffffL;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof FlightKey k && k.hash == hash && k.fromPort == fromPort && k.toPort == toPort
                    && k.from.equals(from) && k.to.equals(to) && k.capture.equals(capture);
        }
    }

    private record IcmpKey(String capture, InetAddress sender, int senderPort) {
    }

    /** The first ICMP too-big quoting a sender's flow, and how many there were. */
    private static final class IcmpSeen {
        final FrameRef first;
        final int mtu;
        final InetAddress reporter;
        int count;

        IcmpSeen(FrameRef first, int mtu, InetAddress reporter) {
            this.first = first;
            this.mtu = mtu;
            this.reporter = reporter;
        }
    }

    private final List<SegmentFlight.Stall> stalls = new ArrayList<>();
    private final List<SegmentFlight.Hole> holes = new ArrayList<>();
    private final RecentFlights<FlightKey, SegmentFlight> flights = new RecentFlights<>(FLIGHTS_KEPT, this::harvest);
    private final CaptureIds captureIds = new CaptureIds();
    private final KeptPaths paths = new KeptPaths(PATHS_KEPT);
    private static final int PRUNE_EVERY = 1 << 20;
    private static final long REORDER_SLACK_NANOS = 2_000_000_000L;
    /** Per capture, the time followed for pruning the paths (see {@link #prunePaths}); the last one used. */
    private final Map<String, CaptureClock> clocks = new java.util.HashMap<>();
    private CaptureClock clock;
    /** Flights finished with nothing kept from them, the last finished on top (see {@link #spare}). */
    private final SegmentFlight[] spare = new SegmentFlight[SPARE_KEPT];
    private int spareCount;
    /** A connection leaves two; a few more cover ports talking to themselves and bursts of resets. */
    private static final int SPARE_KEPT = 8;
    /** Reused for every flight lookup; the map holds copies. */
    private final FlightKey probe = new FlightKey();
    private final Map<IcmpKey, IcmpSeen> icmp = new LinkedHashMap<>();

    @Override
    public String cause() {
        return Causes.TUNNEL_MTU_BLACKHOLE;
    }

    @Override
    public Set<String> attributes() {
        return Set.of("device", "gaps", "icmpSeen", "largestDelivered", "lostTransmissions", "mtu", "payload",
                "receiver", "recovered", "recoveryDelaySeconds", "segmentSize", "sender");
    }

    /** TCP segments in flight and ICMP fragmentation-needed. */
    @Override
    public Set<PacketKind> interests() {
        return Set.of(PacketKind.TCP, PacketKind.ICMP);
    }

    @Override
    public void onPacket(String capture, Packet packet) {
        Packet p = packet.innermost();
        if (p.ip() == null) {
            return;
        }
        IcmpMessage message = p.icmp();
        if (message != null && message.isFragmentationNeeded() && message.quoted() != null
                && message.quoted().ip() != null) {
            IcmpKey key = new IcmpKey(capture, message.quoted().ip().source(), message.quoted().sourcePort());
            if (icmp.size() < ICMP_FLOWS_KEPT || icmp.containsKey(key)) {
                icmp.computeIfAbsent(key, k -> new IcmpSeen(FrameRef.of(p), message.nextHopMtu(), p.ip().source()))
                        .count++;
            }
            return;
        }
        TcpHeader tcp = p.tcp();
        if (tcp == null || p.ip().isLaterFragment()) {
            return;
        }
        prunePaths(capture, p.epochNanos());
        InetAddress src = p.ip().source();
        InetAddress dst = p.ip().destination();
        int captureId = captureIds.of(capture);
        SegmentFlight out = flight(probe.set(capture, captureId, src, tcp.sourcePort(), dst,
                tcp.destinationPort()));
        SegmentFlight back = out.reverse();
        if (back == null) {
            probe.reverse();
            // a new connection's second direction needs no lookup: it would be linked if it were followed
            back = flights.oppositeUnfollowed(out, probe) ? flights.addOpposite(out, probe, newFlight(probe))
                    : flight(probe);
            out.linkReverse(back);
        } else {
            flights.touch(back); // as its own lookup would have
        }
        if (tcp.isSyn()) {
            back.receiverAdvertised(tcp.options().mss());
        }
        if (!out.pathsKnown()) {
            // a path, once looked up, stays what it was (paths are never dropped, and past the cap none are
            // added): each flight looks its two up once, in the order every packet used to, unless the reverse
            // flight already did (the same two, swapped)
            if (back.pathsKnown() && back != out) {
                out.paths(back.reversePath(), back.forwardPath());
            } else {
                paths.lookUp(out, capture, src, dst, clock.noEarlierThan); // the clock of the (current) capture
            }
        }
        PathTraffic forward = out.forwardPath();
        PathTraffic reverse = out.reversePath();
        int wire = out.sent(p);
        if (tcp.payloadLength() > 0 && forward != null) {
            forward.arrived(p.epochNanos(), wire);
        }
        if (reverse != null) {
            reverse.reply(p.epochNanos());
        }
        if (tcp.isAck()) {
            back.acknowledged(p, reverse);
        }
        if (tcp.isRst() || out.finished() && back.finished()) {
            // a finished connection with nothing in flight has told all it can: free it (busy captures); a port
            // talking to itself has one flight for both directions: harvested twice, as it always was
            harvest(out);
            harvest(back);
            flights.removeBoth(out, back);
            spare(out);
            if (back != out) {
                spare(back);
            }
        }
    }

    /**
     * Keeps a flight just harvested and no longer followed for reuse when nothing holds it: no stall or hole of it
     * was kept. Only the two flights of a connection, linked to each other, leave together here, so no flight still
     * followed links to either (see {@link RecentFlights.Node#linkReverse}); one dropped alone, by the bound, may
     * still be its followed reverse's link and is not reused.
     */
    private void spare(SegmentFlight flight) {
        if (spareCount < SPARE_KEPT && flight.stalls().isEmpty() && flight.holes().isEmpty()) {
            spare[spareCount++] = flight;
        }
    }

    /** The flight of {@code probe}, made (and stored under the probe's key) on its first packet. */
    private SegmentFlight flight(FlightKey probe) {
        SegmentFlight known = flights.get(probe); // now the most recently used, as computeIfAbsent made it
        if (known != null) {
            return known;
        }
        return flights.add(probe, newFlight(probe));
    }

    /** A new flight for {@code key}: the object of one finished last, if there is one spare (see {@link #spare}). */
    private SegmentFlight newFlight(FlightKey key) {
        return spareCount > 0 ? spare[--spareCount].reuse(key.capture, key.from, key.fromPort, key.to, key.toPort)
                : new SegmentFlight(key.capture, key.from, key.fromPort, key.to, key.toPort);
    }

    private void harvest(SegmentFlight flight) {
        flight.close();
        PathTraffic path = flight.pathSlot >= 0 ? flight.forwardPath() : null;
        if (path != null) {
            path.detach(flight);
        }
        if (flight.stalls().isEmpty() && flight.holes().isEmpty()) {
            return; // most flights neither stalled nor lost a gap: no streams for them
        }
        flight.stalls().stream().filter(TunnelMtuBlackholeDetector::repeated)
                .limit(FindingBuilder.EVIDENCE_KEPT).forEach(s -> {
                    stalls.add(s);
                    keepFrom(path, s.firstLost());
                });
        flight.holes().stream().filter(h -> h.persistedSeconds() >= MIN_STALL_SECONDS).forEach(h -> {
            holes.add(h);
            keepFrom(path, h.opened());
        });
    }

    /** A stall or hole that may be reported: its path keeps the traffic from its onset on. */
    private static void keepFrom(PathTraffic path, FrameRef onset) {
        if (path != null) {
            path.keepFrom(onset.epochNanos());
        }
    }

    /**
     * Follows the capture's time for its paths' pruning (see {@link PathTraffic}): a full series drops what no
     * onset can reach before it grows, and every {@value #PRUNE_EVERY} TCP packets each path of the capture is
     * pruned and shrunk, idle ones too. Timestamps may go back a little (an 'any' capture merges interfaces); a
     * capture whose time goes back by more than {@link #REORDER_SLACK_NANOS} is not pruned from then on, so no
     * stall still to come can start before an entry dropped.
     */
    private void prunePaths(String capture, long nanos) {
        if (clock == null || !clock.capture.equals(capture)) {
            clock = clocks.computeIfAbsent(capture, CaptureClock::new);
        }
        if (!clock.advance(nanos)) {
            return;
        }
        paths.forEach((key, path) -> {
            if (key.capture().equals(capture)) {
                path.prune();
            }
        });
    }

    /** The newest packet time of one capture, and whether its packets stayed (nearly) in time order. */
    private static final class CaptureClock {
        final String capture;
        long newest = Long.MIN_VALUE;
        boolean ordered = true;
        int sincePrune;
        /** {@link #noEarlierThan()} for the paths made in this capture (one object, not one per lookup). */
        final LongSupplier noEarlierThan = this::noEarlierThan;

        CaptureClock(String capture) {
            this.capture = capture;
        }

        /** Follows one packet's time; true when the capture's paths are due for pruning. */
        boolean advance(long nanos) {
            if (newest != Long.MIN_VALUE && nanos < newest - REORDER_SLACK_NANOS) {
                ordered = false;
            }
            newest = Math.max(newest, nanos);
            if (!ordered || ++sincePrune < PRUNE_EVERY) {
                return false;
            }
            sincePrune = 0;
            return true;
        }

        /** The earliest time a packet still to come can have, or {@link Long#MIN_VALUE} once out of order. */
        long noEarlierThan() {
            return ordered && newest != Long.MIN_VALUE ? newest - REORDER_SLACK_NANOS : Long.MIN_VALUE;
        }
    }

    /** The same data transmitted often enough, over long enough, to be more than ordinary loss recovery. */
    private static boolean repeated(SegmentFlight.Stall s) {
        return s.transmissions() >= MIN_TRANSMISSIONS && s.spanSeconds() >= MIN_STALL_SECONDS
                && (s.coveredBy() == null || s.coveredBy().secondsAfter(s.firstLost())
                >= RECOVERY_WORTH_REPORTING_SECONDS);
    }

    @Override
    public List<Finding> conclude(AnalysisContext context) {
        flights.drain(this::harvest);
        Optional<FindingBuilder> fromStalls = fromStalls(context.states());
        if (fromStalls.isPresent()) {
            return List.of(fromStalls.get().build());
        }
        return fromHoles(context.states()).map(b -> List.of(b.build())).orElse(List.of());
    }

    /** Sender-side (or forwarding-node) evidence: the worst path whose stalls the sender was not told about. */
    private Optional<FindingBuilder> fromStalls(HostStates states) {
        Map<AddressPair, List<SegmentFlight.Stall>> byPath = new LinkedHashMap<>();
        for (SegmentFlight.Stall s : stalls) {
            if (s.lostWireMin() > 0 && !pmtudWorked(s)) {
                byPath.computeIfAbsent(new AddressPair(s.flight().capture, s.flight().sender, s.flight().receiver),
                        k -> new ArrayList<>()).add(s);
            }
        }
        return byPath.entrySet().stream()
                .max(Comparator.comparingInt(e -> e.getValue().stream().mapToInt(SegmentFlight.Stall::lost).sum()))
                .map(e -> stallFinding(e.getKey(), e.getValue(), states));
    }

    /** An ICMP too-big for the flow, after which the sender shrank its transmissions: PMTUD did its job. */
    private boolean pmtudWorked(SegmentFlight.Stall s) {
        IcmpSeen seen = icmpFor(s.flight());
        return seen != null && ignoredAfterIcmp(s, seen) < MIN_IGNORED_AFTER_ICMP;
    }

    private IcmpSeen icmpFor(SegmentFlight f) {
        return icmp.get(new IcmpKey(f.capture, f.sender, f.senderPort));
    }

    private static int ignoredAfterIcmp(SegmentFlight.Stall s, IcmpSeen seen) {
        return (int) s.frames().stream().filter(t -> t.frame().epochNanos() > seen.first.epochNanos())
                .filter(t -> t.wire() > seen.mtu && seen.mtu > 0).count();
    }

    private FindingBuilder stallFinding(AddressPair key, List<SegmentFlight.Stall> pathStalls, HostStates states) {
        SegmentFlight.Stall worst = pathStalls.stream().max(Comparator.comparingInt(SegmentFlight.Stall::lost))
                .orElseThrow();
        int lostSize = pathStalls.stream().mapToInt(SegmentFlight.Stall::lostWireMin).min().orElseThrow();
        int lost = pathStalls.stream().mapToInt(SegmentFlight.Stall::lost).sum();
        long onset = pathStalls.stream().mapToLong(s -> s.firstLost().epochNanos()).min().orElseThrow();
        PathTraffic traffic = paths.get(key);
        PathTraffic.SizeCounts after = traffic == null ? new PathTraffic.SizeCounts(0, 0, 0)
                : traffic.deliveredAfter(onset, lostSize);
        int replies = traffic == null ? 0 : traffic.repliesAfter(onset);
        IcmpSeen seen = pathStalls.stream().map(s -> icmpFor(s.flight())).filter(java.util.Objects::nonNull)
                .findFirst().orElse(null);
        boolean icmpNamesSize = seen != null && seen.mtu > 0 && seen.mtu < lostSize;
        boolean recovered = pathStalls.stream().allMatch(s -> s.coveredBy() != null);
        String flow = worst.flight().flow();

        FindingBuilder finding = new FindingBuilder(cause()).confidence(0.7)
                .lookAlikes(LookAlike.ORDINARY_LOSS, LookAlike.FIREWALL_DROP, LookAlike.DEAD_HOST,
                        LookAlike.GSO_SUPER_FRAMES)
                .attribute("segmentSize", lostSize)
                .attribute("payload", worst.frames().get(0).payload())
                .attribute("lostTransmissions", lost)
                .attribute("largestDelivered", after.smaller() > 0 ? after.largestSmaller() : null)
                .attribute("sender", key.from().getHostAddress())
                .attribute("receiver", key.to().getHostAddress())
                .attribute("recovered", recovered);
        String sizes = after.smaller() + " smaller packet" + (after.smaller() == 1 ? " was" : "s were")
                + " delivered on " + key.from().getHostAddress() + " > " + key.to().getHostAddress()
                + " after the first loss (largest " + after.largestSmaller() + " bytes)";
        if (after.atOrAbove() == 0 && (after.smaller() >= MIN_SMALLER_DELIVERED || icmpNamesSize)) {
            finding.exclude(LookAlike.ORDINARY_LOSS, lost + " transmissions of " + lostSize + "+ bytes were lost"
                    + " and none of that size got through, while " + sizes + ": a consistent size threshold");
        } else {
            finding.open(LookAlike.ORDINARY_LOSS, after.atOrAbove() > 0 ? after.atOrAbove() + " packets of "
                    + lostSize + "+ bytes were delivered after the first loss: the loss does not follow size"
                    : "no smaller packet is seen delivered after the first loss, so no size threshold is shown");
        }
        if (icmpNamesSize) {
            finding.exclude(LookAlike.FIREWALL_DROP, seen.reporter.getHostAddress() + " reported next-hop MTU "
                    + seen.mtu + " for these " + lostSize + "-byte packets (" + seen.count + " ICMP too-big)");
        } else if (after.smaller() >= MIN_SMALLER_DELIVERED) {
            finding.exclude(LookAlike.FIREWALL_DROP, sizes + ": the drop depends on size, not on addresses or"
                    + " ports");
        } else {
            finding.open(LookAlike.FIREWALL_DROP, "nothing smaller is seen getting through after the first loss");
        }
        if (after.smaller() > 0) {
            // an ACK or SACK of data sent after the lost packet cannot be a packet already in flight
            finding.exclude(LookAlike.DEAD_HOST, key.to().getHostAddress() + " acknowledged data sent after the"
                    + " first loss (" + replies + " packets from it since): it is alive");
        } else if (replies >= MIN_REPLIES) {
            finding.exclude(LookAlike.DEAD_HOST, key.to().getHostAddress() + " sent " + replies + " packets"
                    + " after the first loss: it is alive");
        } else {
            finding.open(LookAlike.DEAD_HOST, key.to().getHostAddress() + " sent " + replies + " packets after"
                    + " the first loss");
        }
        boolean mssKnown = pathStalls.stream().allMatch(s -> s.flight().receiverMss() > 0);
        int superFrames = pathStalls.stream().mapToInt(SegmentFlight.Stall::superFrames).sum();
        if (mssKnown || icmpNamesSize) {
            finding.exclude(LookAlike.GSO_SUPER_FRAMES, mssKnown ? "each counted loss carries at most the "
                    + worst.flight().receiverMss() + "-byte MSS the receiver advertised: a single wire-size packet"
                    + (superFrames > 0 ? " (" + superFrames + " super-frame transmission" + (superFrames == 1 ? ""
                    : "s") + " set aside)" : "")
                    : "the hop itself reported the " + lostSize + "-byte packets too big");
        } else {
            finding.open(LookAlike.GSO_SUPER_FRAMES, "the capture has no handshake, so the receiver's MSS is"
                    + " unknown and a super-frame cannot be told from a wire-size packet");
        }
        pathStalls.stream().limit(4).forEach(s -> stallEvidence(finding, s));
        if (seen != null) {
            finding.evidence(Evidence.frame(worst.flight().capture, seen.first, seen.reporter.getHostAddress()
                            + " > " + key.from().getHostAddress(), "ICMP too-big (next-hop MTU " + seen.mtu + ")"
                            + " emitted for this flow, " + seen.count + " in all; the sender kept transmitting "
                            + lostSize + "-byte packets after it: it never reached or never moved the sender"));
            finding.attribute("icmpSeen", seen.count).attribute("mtu", seen.mtu > 0 ? seen.mtu : null);
        }
        Optional<LinkStats> device = smallLink(states, lostSize, finding);
        device.ifPresent(link -> {
            finding.attribute("device", link.name()).confirm(0.2);
            if (seen == null || seen.mtu <= 0) {
                finding.attribute("mtu", link.mtu());
            }
        });
        String where = device.map(l -> l.name() + " (MTU " + l.mtu() + ")")
                .orElse(seen != null && seen.mtu > 0 ? "a hop with MTU " + seen.mtu : "a link on the path");
        double delay = recovered ? pathStalls.stream().mapToDouble(s -> s.coveredBy().secondsAfter(s.firstLost()))
                .max().orElse(0) : 0;
        if (recovered) {
            finding.attribute("recoveryDelaySeconds", Texts.fixed(delay, 1));
        }
        finding.summary((recovered ? "Recovered MTU black hole: " : "MTU black hole: ") + lostSize + "-byte DF"
                        + " packets from " + key.from().getHostAddress() + " to " + key.to().getHostAddress()
                        + " are dropped by " + where + (seen == null ? " and no ICMP too-big reaches the sender"
                        : " and the sender never acts on the ICMP too-big"))
                .explanation("The data at the receiver's stuck ACK point of " + flow + " was transmitted "
                        + worst.transmissions() + " times over " + Texts.fixed(worst.spanSeconds(), 1)
                        + " s, every time as a " + worst.lostWireMin() + "-byte DF packet ("
                        + pathStalls.size() + " such stall" + (pathStalls.size() == 1 ? "" : "s") + ", " + lost
                        + " lost transmissions on this path), while " + sizes + ". Only packets above a size are"
                        + " lost: a hop with a smaller MTU drops them, and "
                        + (seen == null ? "no ICMP fragmentation-needed / packet-too-big for these flows appears"
                        + " in the captures" : "the ICMP too-big it emitted (MTU " + seen.mtu + ") never changed"
                        + " what the sender transmits")
                        + ", so path MTU discovery cannot shrink the segments: the connection stalls (a 'hang'"
                        + " after the first bytes)."
                        + (recovered ? " TCP MTU probing eventually resent the data in smaller segments, after "
                        + Texts.fixed(delay, 1) + " s of stalling." : ""))
                .remediation("Make the path MTU consistent: lower the MTU (or clamp the TCP MSS with iptables"
                        + " -j TCPMSS --clamp-mss-to-pmtu) on the interfaces in front of " + where + ", or raise"
                        + " the tunnel MTU to fit; stop filtering ICMP type 3 code 4 / ICMPv6 type 2 (cloud load"
                        + " balancer, security groups, NetworkPolicy). As a client-side mitigation,"
                        + " net.ipv4.tcp_mtu_probing=1 recovers after a few seconds.")
                .confirmWith("ip -d link show (MTU of every hop, the tunnel's included) on the nodes between "
                        + key.from().getHostAddress() + " and " + key.to().getHostAddress() + "; nstat IpFragFails /"
                        + " Ip6FragFails and the ICMP out counters on the hop");
        return finding;
    }

    private static void stallEvidence(FindingBuilder finding, SegmentFlight.Stall s) {
        SegmentFlight f = s.flight();
        for (int i = 0; i < s.frames().size(); i++) {
            SegmentFlight.Transmission t = s.frames().get(i);
            if (s.coveredBy() != null && i == s.frames().size() - 1 && s.transmissions() == s.frames().size()) {
                break;
            }
            finding.evidence(Evidence.frame(f.capture, t.frame(), f.flow(), (i == 0 ? "data at ACK point " + s.ackPoint()
                    : "transmission #" + (i + 1) + " of the data at " + s.ackPoint()) + ", " + t.payload()
                    + " bytes, " + (t.superFrame() ? "a GSO super-frame (not counted)" : "IP length " + t.wire()
                    + ", DF")));
        }
        if (s.dupAck() != null) {
            finding.evidence(Evidence.frame(f.capture, s.dupAck(), f.flow(), "the receiver still ACKs "
                    + s.ackPoint() + " and SACKs data beyond it: smaller packets behind the lost ones arrive"));
        }
        if (s.coveredBy() != null) {
            finding.evidence(Evidence.frame(f.capture, s.coveredBy(), f.flow(), "data finally acknowledged"
                    + " (resent as a " + s.deliveredWire() + "-byte packet)"));
        }
    }

    /** Receiver-side evidence: the same uncaptured gap in several connections of one path. */
    private Optional<FindingBuilder> fromHoles(HostStates states) {
        Map<AddressPair, List<SegmentFlight.Hole>> byPath = new LinkedHashMap<>();
        holes.forEach(h -> byPath.computeIfAbsent(new AddressPair(h.flight().capture, h.flight().sender,
                h.flight().receiver), k -> new ArrayList<>()).add(h));
        return byPath.entrySet().stream().max(Comparator.comparingInt(e -> e.getValue().size()))
                .map(e -> holeFinding(e.getKey(), e.getValue(), states));
    }

    private FindingBuilder holeFinding(AddressPair key, List<SegmentFlight.Hole> pathHoles, HostStates states) {
        int lostSize = pathHoles.stream().mapToInt(SegmentFlight.Hole::lostWire).min().orElseThrow();
        long onset = pathHoles.stream().mapToLong(h -> h.opened().epochNanos()).min().orElseThrow();
        PathTraffic traffic = paths.get(key);
        PathTraffic.SizeCounts arrived = traffic == null ? new PathTraffic.SizeCounts(0, 0, 0)
                : traffic.arrivedAfter(onset, lostSize);
        SegmentFlight.Hole first = pathHoles.get(0);
        String path = key.from().getHostAddress() + " > " + key.to().getHostAddress();
        FindingBuilder finding = new FindingBuilder(cause()).confidence(0.6)
                .lookAlikes(LookAlike.ORDINARY_LOSS, LookAlike.FIREWALL_DROP, LookAlike.DEAD_HOST,
                        LookAlike.GSO_SUPER_FRAMES)
                .attribute("segmentSize", lostSize)
                .attribute("gaps", pathHoles.size())
                .attribute("largestDelivered", arrived.smaller() > 0 ? arrived.largestSmaller() : null)
                .attribute("sender", key.from().getHostAddress())
                .attribute("receiver", key.to().getHostAddress())
                .attribute("recovered", false);
        String sizes = arrived.smaller() + " smaller packet" + (arrived.smaller() == 1 ? "" : "s") + " from "
                + key.from().getHostAddress() + " arrived after the first gap (largest " + arrived.largestSmaller()
                + " bytes)";
        if (pathHoles.size() >= MIN_HOLES && arrived.atOrAbove() == 0 && arrived.smaller() >= MIN_REPLIES) {
            finding.exclude(LookAlike.ORDINARY_LOSS, pathHoles.size() + " connections each lost the " + lostSize
                    + "-byte packet at the start of a gap for good, no packet that large arrived, while " + sizes
                    + ": a consistent size threshold");
        } else {
            finding.open(LookAlike.ORDINARY_LOSS, pathHoles.size() < MIN_HOLES ? "one gap in one connection"
                    + " could be one unlucky loss" : arrived.atOrAbove() + " packets of " + lostSize + "+ bytes"
                    + " arrived after the first gap");
        }
        if (arrived.smaller() >= MIN_REPLIES) {
            finding.exclude(LookAlike.FIREWALL_DROP, sizes + " on the same connections' path: the drop depends on"
                    + " size, not on addresses or ports");
            finding.exclude(LookAlike.DEAD_HOST, key.from().getHostAddress() + " kept sending after the first gap");
        } else {
            finding.open(LookAlike.FIREWALL_DROP, "too few packets arrived after the first gap");
            finding.open(LookAlike.DEAD_HOST, "too few packets arrived after the first gap");
        }
        finding.exclude(LookAlike.GSO_SUPER_FRAMES, "the lost data never reached this capture (the receiver's);"
                + " the missing packet's size is the gap's first " + (lostSize) + " bytes on the wire, bounded by"
                + " the receiver's MSS");
        for (SegmentFlight.Hole h : pathHoles.subList(0, Math.min(4, pathHoles.size()))) {
            SegmentFlight f = h.flight();
            finding.evidence(Evidence.frame(f.capture, h.opened(), f.flow(), "data arrives " + h.bytes()
                    + " bytes beyond seq " + h.start() + "; those bytes never appear in the capture"));
            finding.evidence(Evidence.frame(f.capture, h.lastSack(), f.flow(), "the receiver still ACKs " + h.start()
                    + " and SACKs beyond the gap, " + Texts.fixed(h.persistedSeconds(), 1)
                    + " s later (" + h.sacks() + " such ACKs)"));
        }
        Optional<LinkStats> device = smallLink(states, lostSize, finding);
        device.ifPresent(link -> finding.attribute("device", link.name()).attribute("mtu", link.mtu()).confirm(0.2));
        String where = device.map(l -> l.name() + " (MTU " + l.mtu() + ")").orElse("a hop on the path");
        return finding.summary("MTU black hole towards " + key.to().getHostAddress() + ": " + lostSize + "-byte"
                        + " packets from " + key.from().getHostAddress() + " never arrive (dropped by " + where + ")")
                .explanation("Seen from the receiver: in " + pathHoles.size() + " connection" + (pathHoles.size() == 1
                        ? "" : "s") + " on " + path + " the data at the start of a gap never arrived while the data"
                        + " behind it did and was SACKed, the gap still open "
                        + Texts.fixed(first.persistedSeconds(), 1) + " s later; " + sizes + ". The full-size packets are"
                        + " lost on the way (a hop with a smaller MTU) and the sender, never told by ICMP, keeps"
                        + " resending them at the same size.")
                .remediation("Make the path MTU consistent on the hops between " + path + " (lower the MTU or"
                        + " clamp the TCP MSS on the sender's side), and let ICMP fragmentation-needed /"
                        + " packet-too-big through to the sender.")
                .confirmWith("a capture on " + key.from().getHostAddress() + " (the sender): the same large"
                        + " segment retransmitted; ip -d link show on the hops for their MTU");
    }

    /** The device whose MTU is below the packet size (tunnels first), with confirming counters as evidence. */
    private static Optional<LinkStats> smallLink(HostStates states, int packetSize, FindingBuilder finding) {
        LinkStats best = null;
        HostSnapshot bestHost = null;
        for (HostSnapshot host : states.latestHosts()) {
            for (LinkStats link : host.links()) {
                boolean tooSmall = link.mtu() > 0 && link.mtu() < packetSize;
                if (tooSmall && (best == null || isTunnel(link) && !isTunnel(best))) {
                    best = link;
                    bestHost = host;
                }
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        finding.evidence(Evidence.state(bestHost.name(), "ip-link.json", best.name() + " mtu " + best.mtu()
                + " < " + packetSize + "-byte packets"));
        CounterReading fragFails = states.counter(bestHost.name(), "IpFragFails")
                .plus(states.counter(bestHost.name(), "Ip6FragFails"));
        String device = best.name();
        CounterReading drops = states.linkCounter(bestHost.name(), device, "tx drops", LinkStats::txDropped)
                .plus(states.linkCounter(bestHost.name(), device, "rx drops", LinkStats::rxDropped));
        if (fragFails.positive()) {
            finding.evidence(Evidence.state(bestHost.name(), fragFails.file(), fragFails.describe()));
            finding.confirm(0.05);
        }
        if (drops.positive()) {
            finding.evidence(Evidence.state(bestHost.name(), drops.file(), drops.describe()));
            finding.confirm(0.05);
        }
        return Optional.of(best);
    }

    private static boolean isTunnel(LinkStats link) {
        return link.kind() != null && TUNNEL_KINDS.contains(link.kind()) || link.name().startsWith("tunl");
    }
}

package dev.faultlab.detect.detectors;

import dev.faultlab.capture.read.IcmpMessage;
import dev.faultlab.capture.read.Packet;
import dev.faultlab.detect.AnalysisContext;
import dev.faultlab.detect.Causes;
import dev.faultlab.detect.Detector;
import dev.faultlab.detect.Evidence;
import dev.faultlab.detect.Finding;
import dev.faultlab.detect.state.HostSnapshot;
import dev.faultlab.detect.state.CounterReading;
import dev.faultlab.detect.state.HostStates;
import dev.faultlab.detect.state.LinkStats;
import dev.faultlab.detect.tcp.ConversationSummary;
import dev.faultlab.detect.tcp.FrameRef;
import dev.faultlab.detect.tcp.StalledSegment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A path MTU black hole: a tunnel (IPIP tunl0, VXLAN) with a smaller MTU drops full-size DF packets, and the ICMP
 * "fragmentation needed" that would tell the sender never reaches it (filtered by a cloud LB or firewall). The
 * capture shows one large segment retransmitted again and again while the receiver SACKs the smaller data
 * behind it: the SACK hole is exactly that segment. Silent when ICMP arrives (PMTUD works); when TCP MTU
 * probing eventually gets the data through smaller, reported as recovered with the delay it cost.
 */
public final class TunnelMtuBlackholeDetector implements Detector {
    /** A segment seen this often was retransmitted at least three times. */
    private static final int MIN_TRANSMISSIONS = 4;
    /** Recovery faster than this is PMTUD or ordinary loss recovery, not a black hole. */
    private static final double RECOVERY_WORTH_REPORTING_SECONDS = 1.0;
    private static final int ICMP_FLOWS_KEPT = 10_000;
    private static final Set<String> TUNNEL_KINDS = Set.of("ipip", "vxlan", "gre", "gretap", "sit", "ip6tnl",
            "geneve", "wireguard");

    /** A blackholed segment found in a conversation. */
    private record Stall(ConversationSummary conversation, StalledSegment segment) {
    }

    private final Map<String, FrameRef> fragmentationNeeded = new LinkedHashMap<>();
    private final List<Stall> stalls = new ArrayList<>();

    @Override
    public String cause() {
        return Causes.TUNNEL_MTU_BLACKHOLE;
    }

    @Override
    public Set<String> attributes() {
        return Set.of("device", "mtu", "payload", "recovered", "recoveryDelaySeconds", "segmentSize");
    }

    @Override
    public void onPacket(String capture, Packet packet) {
        IcmpMessage icmp = packet.innermost().icmp();
        if (icmp != null && icmp.isFragmentationNeeded() && icmp.quoted() != null
                && fragmentationNeeded.size() < ICMP_FLOWS_KEPT) {
            String flow = icmp.quoted().ip().source().getHostAddress() + ":" + icmp.quoted().sourcePort();
            fragmentationNeeded.putIfAbsent(flow, new FrameRef(packet.frame(), packet.epochNanos()));
        }
    }

    @Override
    public void onConversation(ConversationSummary c) {
        for (StalledSegment s : c.stalled()) {
            if (s.transmissions() >= MIN_TRANSMISSIONS && s.dontFragment() && s.sackedPast() != null
                    && stalls.size() < FindingBuilder.EVIDENCE_KEPT) {
                stalls.add(new Stall(c, s));
            }
        }
    }

    @Override
    public List<Finding> conclude(AnalysisContext context) {
        List<Stall> blackholed = stalls.stream().filter(s -> !icmpReachedSender(s)).toList();
        List<Stall> reported = blackholed.stream().filter(s -> s.segment().coveredBy() == null
                || recoveryDelay(s) >= RECOVERY_WORTH_REPORTING_SECONDS).toList();
        if (reported.isEmpty()) {
            return List.of();
        }
        Stall worst = reported.stream().max(Comparator.comparingInt(s -> s.segment().ipLength())).get();
        int packetSize = worst.segment().ipLength();
        boolean recovered = reported.stream().allMatch(s -> s.segment().coveredBy() != null);
        FindingBuilder finding = new FindingBuilder(cause()).confidence(0.7)
                .attribute("segmentSize", packetSize)
                .attribute("payload", worst.segment().length())
                .attribute("recovered", recovered);
        reported.forEach(s -> addEvidence(finding, s));
        Optional<LinkStats> tunnel = smallTunnel(context.states(), packetSize, finding);
        tunnel.ifPresent(link -> finding.attribute("device", link.name()).attribute("mtu", link.mtu()).confirm(0.2));
        String where = tunnel.map(l -> l.name() + " (MTU " + l.mtu() + ")").orElse("a link on the path");
        double delay = recovered ? reported.stream().mapToDouble(TunnelMtuBlackholeDetector::recoveryDelay).max()
                .orElse(0) : 0;
        if (recovered) {
            finding.attribute("recoveryDelaySeconds", String.format(java.util.Locale.ROOT, "%.1f", delay));
        }
        StalledSegment seg = worst.segment();
        finding.summary((recovered ? "Recovered MTU black hole: " : "MTU black hole: ") + packetSize
                        + "-byte DF packets of " + worst.conversation().flow() + " are dropped by " + where
                        + " and no ICMP fragmentation-needed reaches the sender")
                .explanation("The sender transmitted the " + seg.length() + "-byte segment at seq " + seg.seq()
                        + " (IP packet " + packetSize + " bytes, DF set) " + seg.transmissions() + " times; the"
                        + " receiver kept acknowledging the data before it and SACKing the data after it (SACK"
                        + " left edge " + seg.endSeq() + " = the segment's end), so smaller packets pass and only"
                        + " the full-size one is lost. No ICMP fragmentation-needed for this flow appears in the"
                        + " captures, so path MTU discovery cannot shrink the segments: the connection stalls"
                        + " (a 'hang' after the first bytes)."
                        + (recovered ? " TCP MTU probing eventually resent the data in smaller segments, after "
                        + String.format(java.util.Locale.ROOT, "%.1f", delay) + " s of stalling." : ""))
                .remediation("Make the path MTU consistent: lower the MTU (or clamp the TCP MSS with iptables"
                        + " -j TCPMSS --clamp-mss-to-pmtu) on the interfaces in front of " + where + ", or raise the"
                        + " tunnel MTU to fit; stop filtering ICMP type 3 code 4 (cloud load balancer, security"
                        + " groups). As a client-side mitigation, net.ipv4.tcp_mtu_probing=1 recovers after a few"
                        + " seconds.");
        return List.of(finding.build());
    }

    private boolean icmpReachedSender(Stall s) {
        var sender = s.segment().fromClient() ? s.conversation().client() : s.conversation().server();
        return fragmentationNeeded.containsKey(sender.address().getHostAddress() + ":" + sender.port());
    }

    private static double recoveryDelay(Stall s) {
        return s.segment().coveredBy().secondsAfter(s.segment().frames().get(0));
    }

    private static void addEvidence(FindingBuilder finding, Stall s) {
        ConversationSummary c = s.conversation();
        StalledSegment seg = s.segment();
        String flow = seg.fromClient() ? c.flow() : c.server() + " > " + c.client();
        for (int i = 0; i < seg.frames().size(); i++) {
            finding.evidence(Evidence.frame(c.capture(), seg.frames().get(i), flow, (i == 0 ? "segment" :
                    "retransmission #" + i + " of segment") + " seq " + seg.seq() + " len " + seg.length()
                    + ", IP length " + seg.ipLength() + ", DF"));
        }
        finding.evidence(Evidence.frame(c.capture(), seg.sackedPast(), flow, "receiver ACKs " + seg.seq()
                + " and SACKs from " + seg.endSeq() + ": the hole is exactly this segment"));
        if (seg.coveredBy() != null) {
            finding.evidence(Evidence.frame(c.capture(), seg.coveredBy(), flow, "data finally acknowledged"
                    + " (resent smaller)"));
        }
    }

    /** The device whose MTU is below the packet size (tunnels first), with confirming counters as evidence. */
    private static Optional<LinkStats> smallTunnel(HostStates states, int packetSize, FindingBuilder finding) {
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
        CounterReading fragFails = states.counter(bestHost.name(), "IpFragFails");
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

package dev.faultlab.detect.detectors;

import dev.faultlab.capture.read.IcmpMessage;
import dev.faultlab.capture.read.IpHeader;
import dev.faultlab.capture.read.Packet;
import dev.faultlab.detect.AnalysisContext;
import dev.faultlab.detect.Causes;
import dev.faultlab.detect.Detector;
import dev.faultlab.detect.Evidence;
import dev.faultlab.detect.Finding;
import dev.faultlab.detect.LookAlike;
import dev.faultlab.detect.PacketKind;
import dev.faultlab.detect.state.BgpNeighbor;
import dev.faultlab.detect.state.Cidr;
import dev.faultlab.detect.state.HostSnapshot;
import dev.faultlab.detect.state.HostStates;
import dev.faultlab.detect.state.NodeCidr;
import dev.faultlab.detect.state.Route;
import dev.faultlab.detect.tcp.FrameRef;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * A node lost its route to another node's pod CIDR (the routing agent there died and its BGP routes were
 * withdrawn): every connect into that CIDR times out while connects elsewhere work. Forward direction: the
 * client's SYNs go unanswered. Return direction (asymmetric): SYNs arrive and SYN-ACKs leave the server, but its
 * node has no route back to the client's CIDR.
 *
 * <p>Unanswered SYNs alone never name this cause (any dead host, filter or lost packet shows them): it needs the
 * sending node's routing table (or BGP state) showing the route to a known node's pod CIDR gone, or a router's
 * ICMP net/host unreachable. Look-alikes: a firewall drop, a dead host and a stale Service endpoint (each
 * excluded by the route being absent from the sender's table: the packets never take the path on which those
 * would lose them), one lost SYN (excluded by a count of lost packets) and asymmetric replies (excluded when
 * the side waiting for the answer retransmitted: no answer reached it by any path).
 */
public final class RouteMissingDetector implements Detector {
    private static final int IPV4_GUESS_PREFIX = 24;
    private static final int IPV6_GUESS_PREFIX = 64;

    /** Which way the lost packets travel. */
    private enum Direction {
        FORWARD("forward", "SYN"), RETURN("return", "SYN-ACK");

        final String id;
        final String lostPacket;

        Direction(String id, String lostPacket) {
            this.id = id;
            this.lostPacket = lostPacket;
        }
    }

    /**
     * A connect that failed the way a missing route fails it.
     *
     * @param sender      the address whose node needs the route
     * @param destination the address it cannot reach
     * @param evidence    the frames that show the loss, made when asked: only the first few failures of a CIDR
     *                      that is reported are ever shown, and a connect's evidence is a string and a time
     *                      formatted per frame (thousands of failed connects in a busy capture)
     */
    private record LostConnect(Direction direction, InetAddress sender, InetAddress destination,
                               Supplier<List<Evidence>> evidence, int lostPackets, boolean routerSaidUnreachable) {
        LostConnect(Direction direction, InetAddress sender, InetAddress destination, List<Evidence> evidence,
                    int lostPackets, boolean routerSaidUnreachable) {
            this(direction, sender, destination, () -> evidence, lostPackets, routerSaidUnreachable);
        }
    }

    /**
     * Lost SYNs (or SYN-ACKs) across the failed connects before one lost packet is ruled out: a single drop is
     * recovered by the first retransmission a second later, three losses span two rounds of backoff.
     */
    private static final int MIN_LOST_PACKETS = 3;

    private static final int ICMP_KEPT = 1000;
    private static final int NET_UNREACHABLE = 0;
    private static final int HOST_UNREACHABLE = 1;

    private final List<LostConnect> unreachable = new ArrayList<>();

    @Override
    public String cause() {
        return Causes.ROUTE_MISSING;
    }

    @Override
    public Set<String> attributes() {
        return Set.of("direction", "node", "podCidr", "sender");
    }

    /** Without a default route a node answers ICMP net/host unreachable itself and the connect fails at once. */
    /** Only ICMP unreachables are read per packet. */
    @Override
    public Set<PacketKind> interests() {
        return Set.of(PacketKind.ICMP);
    }

    @Override
    public void onPacket(String capture, Packet packet) {
        IcmpMessage icmp = packet.innermost().icmp();
        if (icmp == null || icmp.version() != 4 || !icmp.isUnreachable() || icmp.quoted() == null
                || icmp.code() != NET_UNREACHABLE && icmp.code() != HOST_UNREACHABLE
                || unreachable.size() >= ICMP_KEPT) {
            return;
        }
        IpHeader lost = icmp.quoted().ip();
        String router = packet.innermost().ip().source().getHostAddress();
        unreachable.add(new LostConnect(Direction.FORWARD, lost.source(), lost.destination(), List.of(
                Evidence.frame(capture, new FrameRef(packet.frame(), packet.epochNanos()),
                        lost.source().getHostAddress() + ":" + icmp.quoted().sourcePort() + " > "
                                + lost.destination().getHostAddress() + ":" + icmp.quoted().destinationPort(),
                        "ICMP " + (icmp.code() == NET_UNREACHABLE ? "net" : "host") + " unreachable from " + router
                                + ": it has no route to " + lost.destination().getHostAddress())), 1, true));
    }

    @Override
    public List<Finding> conclude(AnalysisContext context) {
        HostStates states = context.states();
        if (states.isEmpty() && unreachable.isEmpty()) {
            // packets alone: only a router's own "no route" answer is evidence (see diagnose), and no router gave
            // one; the failed connects are not even grouped
            return List.of();
        }
        List<LostConnect> lost = new ArrayList<>(unreachable);
        context.handshakes().unanswered().forEach(c -> lost.add(new LostConnect(Direction.FORWARD,
                c.client().address(), c.server().address(), () -> c.syns().stream().limit(6).map(s -> Evidence.frame(
                c.capture(), s.ref(), c.flow(), "SYN, no SYN-ACK")).toList(), c.synCount(), false)));
        context.handshakes().synAckLost().forEach(c -> lost.add(new LostConnect(Direction.RETURN,
                c.server().address(), c.client().address(), () -> List.of(Evidence.frame(c.capture(), c.synAck(),
                c.flow(), "SYN-ACK sent back (" + c.synAckCount() + " times), never acknowledged")),
                Math.max(c.synAckCount(), c.synCount()), false)));
        Map<Direction, Map<Cidr, List<LostConnect>>> grouped = new java.util.EnumMap<>(Direction.class);
        Map<Cidr, String> owners = new LinkedHashMap<>();
        for (LostConnect l : lost) {
            Optional<NodeCidr> owner = states.nodeOwning(l.destination());
            Cidr cidr = owner.map(NodeCidr::podCidr).orElseGet(() -> guessCidr(l.destination()));
            owner.ifPresent(o -> owners.put(cidr, o.node()));
            grouped.computeIfAbsent(l.direction(), d -> new LinkedHashMap<>())
                    .computeIfAbsent(cidr, k -> new ArrayList<>()).add(l);
        }
        Set<InetAddress> answered = context.handshakes().establishedServerAddresses();
        List<Finding> findings = new ArrayList<>();
        grouped.forEach((direction, byCidr) -> byCidr.forEach((cidr, inCidr) -> {
            boolean someAnsweredInside = direction == Direction.FORWARD && answered.stream().anyMatch(cidr::contains);
            if (!someAnsweredInside) {
                diagnose(states, cidr, owners.get(cidr), inCidr, direction, answered).ifPresent(findings::add);
            }
        }));
        return findings;
    }

    private Optional<Finding> diagnose(HostStates states, Cidr cidr, String owner, List<LostConnect> failures,
                                       Direction direction, Set<InetAddress> answered) {
        LostConnect first = failures.get(0);
        Optional<HostSnapshot> sender = states.routingHostFor(first.sender());
        FindingBuilder finding = new FindingBuilder(cause()).attribute("podCidr", cidr).attribute("node", owner)
                .attribute("direction", direction.id)
                .lookAlikes(LookAlike.FIREWALL_DROP, LookAlike.DEAD_HOST, LookAlike.ONE_LOST_SYN,
                        LookAlike.STALE_SERVICE_ENDPOINT, LookAlike.ASYMMETRIC_REPLY)
                .confirmWith("ip -j route show table all (ip-route.json) on the node sending from "
                        + first.sender().getHostAddress() + ", with host.json's podCidr of every node"
                        + " (ci/collect-node-state.sh)");
        long answeredElsewhere = answered.stream().filter(a -> !cidr.contains(a)).count();
        boolean routerSaid = failures.stream().anyMatch(LostConnect::routerSaidUnreachable);
        boolean routeGone = false;
        if (sender.isPresent() && owner == null) {
            // with host state, only a known node's pod CIDR can be "missing" (service VIPs are never routed)
            return Optional.empty();
        }
        if (sender.isPresent()) {
            finding.attribute("sender", sender.get().name());
            routeGone = routeEvidence(finding, sender.get(), first.destination(), cidr);
            boolean sessionDown = bgpEvidence(finding, states, sender.get(), owner);
            if (!routeGone && !sessionDown) {
                return Optional.empty();
            }
            finding.confidence(0.55).confirm(routeGone ? 0.25 : 0).confirm(sessionDown ? 0.1 : 0)
                    .confirm(answeredElsewhere > 0 ? 0.05 : 0);
        } else if (states.isEmpty() && routerSaid && direction == Direction.FORWARD) {
            // packets alone: only a router's own "no route" answer is evidence; unanswered SYNs are not
            finding.confidence(0.4);
        } else {
            return Optional.empty();
        }
        excludeLookAlikes(finding, failures, direction, routeGone, owner, cidr, sender);
        Set<String> destinations = new TreeSet<>();
        failures.forEach(l -> destinations.add(l.destination().getHostAddress()));
        failures.stream().limit(4).flatMap(l -> l.evidence().get().stream()).forEach(finding::evidence);
        String who = owner == null ? "the node owning " + cidr : owner;
        String from = sender.map(HostSnapshot::name).orElse("the sending node");
        finding.summary("No route from " + from + " to " + cidr + " (" + who + "): " + direction.lostPacket
                        + "s to " + Texts.list(destinations) + " are lost")
                .explanation(explanation(direction, cidr, who, from, failures.size(), answeredElsewhere,
                        sender.isPresent()))
                .remediation("Restore " + who + "'s pod routes on " + from + ": check the routing agent on " + who
                        + " (kube-router/BGP speaker running? 'gobgp neighbor' / 'birdc show protocols' on " + from
                        + " should show the session Established) and that " + from + "'s table has a route for "
                        + cidr + " via " + who + "'s node IP. Until then, drain " + who + " (kubectl drain) or"
                        + " add a static route as a stopgap.");
        return Optional.of(finding.build());
    }

    private static void excludeLookAlikes(FindingBuilder finding, List<LostConnect> failures, Direction direction,
                                          boolean routeGone, String owner, Cidr cidr, Optional<HostSnapshot> sender) {
        if (routeGone) {
            String noRoute = sender.map(HostSnapshot::name).orElse("the sender") + "'s table has no route for "
                    + cidr + " (" + owner + "'s pod CIDR)";
            finding.exclude(LookAlike.FIREWALL_DROP, noRoute + ": the packets leave on the wrong path before any"
                    + " filter on the way to " + owner + " could drop them");
            finding.exclude(LookAlike.DEAD_HOST, noRoute + ": a dead or absent pod leaves its node's route in"
                    + " place");
            finding.exclude(LookAlike.STALE_SERVICE_ENDPOINT, "the destination is a pod address inside " + owner
                    + "'s pod CIDR and " + noRoute + ": a stale endpoint fails with the route in place");
        } else {
            String why = sender.isEmpty() ? "no host state: packets alone cannot tell a missing route from a"
                    + " filter or an absent host" : "the route for " + cidr + " is still in the table (only the"
                    + " BGP session is down)";
            finding.open(LookAlike.FIREWALL_DROP, why);
            finding.open(LookAlike.DEAD_HOST, why);
            finding.open(LookAlike.STALE_SERVICE_ENDPOINT, why);
        }
        int lost = failures.stream().mapToInt(LostConnect::lostPackets).sum();
        if (failures.stream().anyMatch(LostConnect::routerSaidUnreachable)) {
            finding.exclude(LookAlike.ONE_LOST_SYN, "a router answered with ICMP unreachable: nothing was lost,"
                    + " it had no route");
        } else if (lost >= MIN_LOST_PACKETS) {
            finding.exclude(LookAlike.ONE_LOST_SYN, lost + " " + direction.lostPacket + "s lost over "
                    + Texts.plural(failures.size(), "connect") + " (at least " + MIN_LOST_PACKETS + " needed)");
        } else {
            finding.open(LookAlike.ONE_LOST_SYN, "only " + lost + " " + direction.lostPacket + "s lost");
        }
        if (direction == Direction.FORWARD && failures.stream().allMatch(LostConnect::routerSaidUnreachable)) {
            finding.exclude(LookAlike.ASYMMETRIC_REPLY, "a router answered the SYNs with ICMP unreachable");
        } else if (direction == Direction.FORWARD) {
            finding.exclude(LookAlike.ASYMMETRIC_REPLY, "the clients retransmitted their SYNs: no SYN-ACK reached"
                    + " them by any path");
        } else {
            finding.exclude(LookAlike.ASYMMETRIC_REPLY, "the server resent its SYN-ACKs (or the clients their"
                    + " SYNs): the handshake never completed by any path");
        }
    }

    private static boolean routeEvidence(FindingBuilder finding, HostSnapshot sender, InetAddress destination,
                                         Cidr cidr) {
        if (sender.routes().isEmpty()) {
            return false;
        }
        Optional<Route> chosen = sender.lookup(destination);
        boolean missing = chosen.isEmpty() || chosen.get().prefix().isDefault()
                || !"unicast".equals(chosen.get().type());
        if (missing) {
            finding.evidence(Evidence.state(sender.name(), "ip-route.json", "no route for " + cidr + "; "
                    + destination.getHostAddress() + " falls to "
                    + chosen.map(Route::describe).orElse("nothing (no default route either)")));
        }
        return missing;
    }

    private static boolean bgpEvidence(FindingBuilder finding, HostStates states, HostSnapshot sender, String owner) {
        if (owner == null) {
            return false;
        }
        boolean down = false;
        Optional<HostSnapshot> ownerHost = states.latest(owner);
        if (ownerHost.isPresent() && ownerHost.get().agent() != null
                && Boolean.FALSE.equals(ownerHost.get().agent().running())) {
            finding.evidence(Evidence.state(owner, "agent.json", ownerHost.get().agent().kind()
                    + " not running on " + owner));
            down = true;
        }
        String ownerIp = ownerHost.map(h -> h.info().underlayIp()).orElse(null);
        if (sender.agent() != null && ownerIp != null) {
            for (BgpNeighbor n : sender.agent().neighbors()) {
                if (ownerIp.equals(n.address()) && !n.established()) {
                    finding.evidence(Evidence.state(sender.name(), "agent.json", "BGP session to " + owner + " ("
                            + ownerIp + ") is " + n.state()));
                    down = true;
                }
            }
        }
        return down;
    }

    private static String explanation(Direction direction, Cidr cidr, String who, String from, int failures,
                                      long answeredElsewhere, boolean confirmed) {
        String lost = direction == Direction.FORWARD
                ? Texts.plural(failures, "connect") + " into " + cidr + " failed (SYNs retransmitted and never"
                + " answered, or an ICMP unreachable in reply)"
                : Texts.plural(failures, "connect") + " from " + cidr + " reached the server, whose SYN-ACKs never"
                + " got back";
        return lost + (answeredElsewhere > 0 ? ", while connects to " + answeredElsewhere + " destination(s)"
                + " outside " + cidr + " succeeded" : "") + ". "
                + (confirmed ? from + " has no route for " + cidr + " (or only the default route, which ends"
                + " at the underlay gateway where the packets are silently dropped), so traffic to " + who
                + "'s pods leaves on the wrong path. This is what happens when " + who + "'s routing agent"
                + " (kube-router/GoBGP, Calico BIRD) dies: its BGP peers withdraw the routes to " + who
                + "'s pod CIDR, and only traffic into " + who + " fails."
                : "All failures share one pod CIDR and nothing in it answered, which is the pattern of a"
                + " withdrawn route; pass host state (--state) to confirm it from the routing table.");
    }

    private static Cidr guessCidr(InetAddress address) {
        int prefix = address.getAddress().length == 4 ? IPV4_GUESS_PREFIX : IPV6_GUESS_PREFIX;
        return new Cidr(masked(address, prefix), prefix);
    }

    private static InetAddress masked(InetAddress address, int prefix) {
        byte[] bytes = address.getAddress();
        for (int bit = prefix; bit < bytes.length * 8; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (java.net.UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}

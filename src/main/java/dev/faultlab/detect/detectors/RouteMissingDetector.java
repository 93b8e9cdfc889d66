package dev.faultlab.detect.detectors;

import dev.faultlab.detect.AnalysisContext;
import dev.faultlab.detect.Causes;
import dev.faultlab.detect.Detector;
import dev.faultlab.detect.Evidence;
import dev.faultlab.detect.Finding;
import dev.faultlab.detect.state.BgpNeighbor;
import dev.faultlab.detect.state.Cidr;
import dev.faultlab.detect.state.HostSnapshot;
import dev.faultlab.detect.state.HostStates;
import dev.faultlab.detect.state.NodeCidr;
import dev.faultlab.detect.state.Route;
import dev.faultlab.detect.tcp.ConversationSummary;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A node lost its route to another node's pod CIDR (the routing agent there died and its BGP routes were
 * withdrawn): every connect into that CIDR times out while connects elsewhere work. Forward direction: the
 * client's SYNs go unanswered. Return direction (asymmetric): SYNs arrive and SYN-ACKs leave the server, but its
 * node has no route back to the client's CIDR.
 */
public final class RouteMissingDetector implements Detector {
    private static final int IPV4_GUESS_PREFIX = 24;
    private static final int IPV6_GUESS_PREFIX = 64;

    /** Which way the lost packets travel. */
    private record Direction(String name, Function<ConversationSummary, InetAddress> sender,
                             Function<ConversationSummary, InetAddress> destination, String lostPacket) {
    }

    private static final Direction FORWARD = new Direction("forward", c -> c.client().address(),
            c -> c.server().address(), "SYN");
    private static final Direction RETURN = new Direction("return", c -> c.server().address(),
            c -> c.client().address(), "SYN-ACK");

    @Override
    public String cause() {
        return Causes.ROUTE_MISSING;
    }

    @Override
    public List<Finding> conclude(AnalysisContext context) {
        List<Finding> findings = new ArrayList<>();
        findings.addAll(examine(context, context.handshakes().unanswered(), FORWARD));
        findings.addAll(examine(context, context.handshakes().synAckLost(), RETURN));
        return findings;
    }

    private List<Finding> examine(AnalysisContext context, List<ConversationSummary> failures, Direction direction) {
        HostStates states = context.states();
        Map<Cidr, List<ConversationSummary>> byCidr = new LinkedHashMap<>();
        Map<Cidr, String> owners = new LinkedHashMap<>();
        for (ConversationSummary c : failures) {
            InetAddress destination = direction.destination().apply(c);
            Optional<NodeCidr> owner = states.nodeOwning(destination);
            Cidr cidr = owner.map(NodeCidr::podCidr).orElseGet(() -> guessCidr(destination));
            owner.ifPresent(o -> owners.put(cidr, o.node()));
            byCidr.computeIfAbsent(cidr, k -> new ArrayList<>()).add(c);
        }
        Set<InetAddress> answered = context.handshakes().establishedServerAddresses();
        List<Finding> findings = new ArrayList<>();
        byCidr.forEach((cidr, inCidr) -> {
            boolean someAnsweredInside = direction == FORWARD && answered.stream().anyMatch(cidr::contains);
            if (!someAnsweredInside) {
                diagnose(states, cidr, owners.get(cidr), inCidr, direction, answered).ifPresent(findings::add);
            }
        });
        return findings;
    }

    private Optional<Finding> diagnose(HostStates states, Cidr cidr, String owner, List<ConversationSummary> failures,
                                       Direction direction, Set<InetAddress> answered) {
        ConversationSummary first = failures.get(0);
        InetAddress destination = direction.destination().apply(first);
        Optional<HostSnapshot> sender = states.routingHostFor(direction.sender().apply(first));
        FindingBuilder finding = new FindingBuilder(cause()).attribute("podCidr", cidr).attribute("node", owner)
                .attribute("direction", direction.name());
        long answeredElsewhere = answered.stream().filter(a -> !cidr.contains(a)).count();
        if (sender.isPresent() && owner == null) {
            // with host state, only a known node's pod CIDR can be "missing" (service VIPs are never routed)
            return Optional.empty();
        }
        if (sender.isPresent()) {
            finding.attribute("sender", sender.get().name());
            boolean routeGone = routeEvidence(finding, sender.get(), destination, cidr);
            boolean sessionDown = bgpEvidence(finding, states, sender.get(), owner);
            if (!routeGone && !sessionDown) {
                return Optional.empty();
            }
            finding.confidence(0.55).confirm(routeGone ? 0.25 : 0).confirm(sessionDown ? 0.1 : 0)
                    .confirm(answeredElsewhere > 0 ? 0.05 : 0);
        } else if (states.isEmpty() && answeredElsewhere > 0 && direction == FORWARD) {
            finding.confidence(0.4);
        } else {
            return Optional.empty();
        }
        Set<String> destinations = new TreeSet<>();
        failures.forEach(c -> destinations.add(direction.destination().apply(c).getHostAddress()));
        failures.stream().limit(3).forEach(c -> c.syns().forEach(s -> finding.evidence(Evidence.frame(c.capture(),
                s.ref(), c.flow(), "SYN to " + cidr + ", no SYN-ACK"))));
        failures.stream().filter(c -> c.synAck() != null).limit(3).forEach(c -> finding.evidence(
                Evidence.frame(c.capture(), c.synAck(), c.flow(), "SYN-ACK sent back toward " + cidr
                        + ", never acknowledged")));
        String who = owner == null ? "the node owning " + cidr : owner;
        String from = sender.map(HostSnapshot::name).orElse("the sending node");
        finding.summary("No route from " + from + " to " + cidr + " (" + who + "): " + direction.lostPacket()
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
        String lost = direction == FORWARD
                ? Texts.plural(failures, "connect") + " into " + cidr + " sent SYNs that were retransmitted and"
                + " never answered"
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

package dev.faultlab.detect.detectors;

import dev.faultlab.capture.read.MacAddress;
import dev.faultlab.capture.read.Packet;
import dev.faultlab.detect.AnalysisContext;
import dev.faultlab.detect.Causes;
import dev.faultlab.detect.Detector;
import dev.faultlab.detect.Evidence;
import dev.faultlab.detect.Finding;
import dev.faultlab.detect.state.CounterReading;
import dev.faultlab.detect.state.FdbEntry;
import dev.faultlab.detect.state.HostSnapshot;
import dev.faultlab.detect.state.HostStates;
import dev.faultlab.detect.state.LinkStats;
import dev.faultlab.detect.state.Neighbor;
import dev.faultlab.detect.state.NodeCidr;
import dev.faultlab.detect.tcp.FrameRef;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A node's VXLAN device (flannel.1) came back with a new MAC, and some peers still hold PERMANENT neighbor/FDB
 * entries with the old one: their replies reach the node but carry the old inner destination MAC, and the node
 * drops them after decapsulation (rx "otherhost"). Packets show it as a VTEP that sources frames from one MAC
 * while peers address it with another; host state shows the stale entries and the otherhost counter.
 */
public final class VxlanStaleNeighborDetector implements Detector {
    private static final int VTEPS_KEPT = 1024;
    private static final int MACS_PER_VTEP = 8;

    /** Frames a peer VTEP sent to a VTEP with a given inner destination MAC. */
    private record Addressing(InetAddress from, InetAddress to, MacAddress innerDestination) {
    }

    /** A stale MAC for one node, with where it is used. */
    private static final class Stale {
        final Set<String> staleOn = new TreeSet<>();
        final Set<String> correctOn = new TreeSet<>();
        final List<Evidence> evidence = new ArrayList<>();
        MacAddress staleMac;
        MacAddress actualMac;
        boolean fromPackets;
        boolean fromState;
    }

    /** A peer's actual VTEP MAC and where it was seen (its own device, or its Node object). */
    private record PeerMac(String mac, String seenAs) {
    }

    private final Map<InetAddress, Set<MacAddress>> sourceMacs = new LinkedHashMap<>();
    private final Map<Addressing, Evidence> addressing = new LinkedHashMap<>();

    @Override
    public String cause() {
        return Causes.VXLAN_STALE_NEIGHBOR;
    }

    @Override
    public Set<String> attributes() {
        return Set.of("actualMac", "node", "peersWorking", "staleMac", "staleOn");
    }

    @Override
    public void onPacket(String capture, Packet packet) {
        if (packet.vxlan() == null || packet.vxlan().inner() == null || packet.ip() == null) {
            return;
        }
        Packet inner = packet.vxlan().inner();
        if (inner.link() == null || inner.link().source() == null || sourceMacs.size() >= VTEPS_KEPT) {
            return;
        }
        InetAddress from = packet.ip().source();
        Set<MacAddress> macs = sourceMacs.computeIfAbsent(from, k -> new LinkedHashSet<>());
        if (macs.size() < MACS_PER_VTEP) {
            macs.add(inner.link().source());
        }
        MacAddress destination = inner.link().destination();
        if (!destination.isGroup() && addressing.size() < VTEPS_KEPT * MACS_PER_VTEP) {
            addressing.putIfAbsent(new Addressing(from, packet.ip().destination(), destination),
                    Evidence.frame(capture, new FrameRef(packet.frame(), packet.epochNanos()),
                            from.getHostAddress() + " > " + packet.ip().destination().getHostAddress(),
                            "VXLAN vni " + packet.vxlan().vni() + ", inner " + inner.link().source() + " > "
                                    + destination + " " + inner.flow()));
        }
    }

    @Override
    public List<Finding> conclude(AnalysisContext context) {
        HostStates states = context.states();
        Map<String, Stale> byNode = new LinkedHashMap<>();
        fromPackets(states, byNode);
        fromState(states, byNode);
        List<Finding> findings = new ArrayList<>();
        byNode.forEach((node, stale) -> findings.add(finding(states, node, stale)));
        return findings;
    }

    private void fromPackets(HostStates states, Map<String, Stale> byNode) {
        addressing.forEach((a, evidence) -> {
            Set<MacAddress> actual = sourceMacs.get(a.to());
            // flannel-style VTEPs source every frame from their one device MAC; with several (an L2 overlay
            // bridging pod MACs) an unknown destination MAC proves nothing
            if (actual == null || actual.size() != 1) {
                return;
            }
            String node = states.nodeName(a.to());
            String peer = states.nodeName(a.from());
            if (actual.contains(a.innerDestination())) {
                byNode.computeIfAbsent(node, k -> new Stale()).correctOn.add(peer);
                return;
            }
            Stale stale = byNode.computeIfAbsent(node, k -> new Stale());
            stale.fromPackets = true;
            stale.staleMac = a.innerDestination();
            stale.actualMac = actual.iterator().next();
            stale.staleOn.add(peer);
            stale.evidence.add(new Evidence(evidence.source(), evidence.frame(), evidence.time(), evidence.flow(),
                    evidence.detail() + ": " + peer + " addresses " + node + " as " + a.innerDestination()
                            + ", but " + node + " itself sends from inner MAC " + stale.actualMac));
        });
        byNode.values().removeIf(s -> s.staleMac == null);
    }

    /** PERMANENT neighbor and FDB entries on VXLAN devices that disagree with the peer's actual device MAC. */
    private static void fromState(HostStates states, Map<String, Stale> byNode) {
        for (HostSnapshot host : states.latestHosts()) {
            for (Neighbor n : host.neighbors()) {
                if (!n.permanent() || n.linkAddress() == null || !isVxlan(host, n.device())) {
                    continue;
                }
                InetAddress subnet;
                try {
                    subnet = InetAddress.getByName(n.destination());
                } catch (java.net.UnknownHostException e) {
                    continue;
                }
                Optional<NodeCidr> peer = states.nodeOwning(subnet);
                // the peer's own device when its state was collected, else the MAC its Node object announces
                Optional<PeerMac> peerMac = peer.flatMap(p -> states.latest(p.node())).flatMap(h -> h.link(n.device()))
                        .filter(l -> l.mac() != null).map(l -> new PeerMac(l.mac(), n.device() + " is " + l.mac()))
                        .or(() -> peer.flatMap(p -> states.announcedVtepMac(p.node()))
                                .map(mac -> new PeerMac(mac, "Node object announces VtepMAC " + mac)));
                if (peerMac.isEmpty() || peerMac.get().mac().equalsIgnoreCase(n.linkAddress())) {
                    continue;
                }
                String node = peer.get().node();
                Stale stale = byNode.computeIfAbsent(node, k -> new Stale());
                stale.fromState = true;
                stale.staleMac = MacAddress.parse(n.linkAddress());
                stale.actualMac = MacAddress.parse(peerMac.get().mac());
                stale.staleOn.add(host.name());
                stale.correctOn.remove(host.name());
                stale.evidence.add(Evidence.state(host.name(), "ip-neigh.json", n.describe() + " but " + node + "'s "
                        + peerMac.get().seenAs()));
                host.fdb().stream().filter(f -> n.device().equals(f.device()))
                        .filter(f -> f.mac() != null && f.mac().equalsIgnoreCase(n.linkAddress()))
                        .map(FdbEntry::describe).findFirst().ifPresent(f -> stale.evidence.add(
                                Evidence.state(host.name(), "bridge-fdb.json", f + " (old MAC)")));
            }
        }
    }

    private static boolean isVxlan(HostSnapshot host, String device) {
        return device != null && (device.startsWith("flannel") || host.link(device)
                .map(l -> "vxlan".equals(l.kind())).orElse(false));
    }

    private static Finding finding(HostStates states, String node, Stale stale) {
        FindingBuilder finding = new FindingBuilder(Causes.VXLAN_STALE_NEIGHBOR)
                .confidence(stale.fromPackets && stale.fromState ? 0.85 : stale.fromPackets ? 0.6 : 0.7)
                .attribute("node", node).attribute("staleMac", stale.staleMac).attribute("actualMac", stale.actualMac)
                .attribute("staleOn", String.join(",", stale.staleOn));
        stale.evidence.forEach(finding::evidence);
        states.latest(node).flatMap(h -> h.links().stream().filter(l -> isVxlan(h, l.name()))
                        .map(l -> states.linkCounter(node, l.name(), "rx otherhost drops", LinkStats::rxOtherhost))
                        .reduce(CounterReading::plus))
                .filter(CounterReading::positive)
                .ifPresent(otherhost -> finding.confirm(0.1).evidence(Evidence.state(node, otherhost.file(),
                        otherhost.describe() + ": frames for another MAC dropped after decapsulation")));
        String reach = stale.correctOn.isEmpty() ? ""
                : " Partial reachability: " + String.join(", ", stale.correctOn) + " use" + (stale.correctOn.size() == 1
                ? "s" : "") + " the right MAC, so " + stale.correctOn.size() + " of "
                + (stale.correctOn.size() + stale.staleOn.size()) + " peers work and requests fail only when they"
                + " land on " + String.join(", ", stale.staleOn) + ".";
        finding.attribute("peersWorking", stale.correctOn.size())
                .summary(node + "'s VXLAN MAC is now " + stale.actualMac + "; stale entries on "
                        + String.join(", ", stale.staleOn) + " still send to the old " + stale.staleMac)
                .explanation(node + "'s VXLAN device (flannel.1) now has MAC " + stale.actualMac + " (e.g. it was"
                        + " recreated after a reboot), but the PERMANENT neighbor/FDB entries for " + node + "'s"
                        + " subnet on " + String.join(", ", stale.staleOn) + " still hold the old " + stale.staleMac
                        + ". Frames from there to " + node + " carry the old inner destination MAC; " + node
                        + " decapsulates them and drops them as addressed to another host (rx otherhost), so"
                        + " connections from " + node + "'s pods to pods on those peers time out while the"
                        + " requests themselves arrive." + reach)
                .remediation("On " + String.join(", ", stale.staleOn) + ": replace the stale entries, both of them"
                        + " (ip neigh replace <" + node + " subnet>.0 lladdr " + stale.actualMac + " dev flannel.1"
                        + " nud permanent; bridge fdb del " + stale.staleMac + " dev flannel.1; bridge fdb append "
                        + stale.actualMac + " dev flannel.1 dst <" + node + " IP> self permanent), or restart"
                        + " flanneld there so it reprograms them. Fixing only the neighbor entry leaves tx drops.");
        return finding.build();
    }
}

package dev.faultlab.detect.detectors;

import dev.faultlab.capture.read.LinkHeader;
import dev.faultlab.capture.read.MacAddress;
import dev.faultlab.capture.read.Packet;
import dev.faultlab.detect.AnalysisContext;
import dev.faultlab.detect.Causes;
import dev.faultlab.detect.Detector;
import dev.faultlab.detect.Evidence;
import dev.faultlab.detect.Finding;
import dev.faultlab.detect.LookAlike;
import dev.faultlab.detect.PacketKind;
import dev.faultlab.detect.state.CounterReading;
import dev.faultlab.detect.state.FdbEntry;
import dev.faultlab.detect.state.HostSnapshot;
import dev.faultlab.detect.state.HostStates;
import dev.faultlab.detect.state.Lease;
import dev.faultlab.detect.state.LinkStats;
import dev.faultlab.detect.state.Neighbor;
import dev.faultlab.detect.state.NodeCidr;
import dev.faultlab.detect.tcp.FrameRef;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A node's VXLAN device (flannel.1) came back with a new MAC, and some peers still hold PERMANENT neighbor/FDB
 * entries with the old one: their frames reach the node but carry the old inner destination MAC, and the node
 * drops them after decapsulation (rx "otherhost"). Seen three ways: in an underlay capture (a VTEP sends from
 * one inner MAC while a peer keeps addressing it with another), in a capture on the decapsulated device (frames
 * for the node's own addresses sent to a MAC it never sends from; in a cooked capture, marked otherhost by the
 * kernel), and in host state alone (a PERMANENT entry whose MAC is not the peer device's nor its lease's).
 */
public final class VxlanStaleNeighborDetector implements Detector {
    /** One or two frames to an old MAC happen while flanneld reprograms a peer; three means it is stuck. */
    private static final int MIN_STALE_FRAMES = 3;
    /** Retransmissions (SYN, SYN-ACK: 1 s and more apart) spread over a second; a change-over burst does not. */
    private static final double MIN_STALE_SECONDS = 1.0;
    private static final int PAIRS_KEPT = 10_000;
    private static final int SLL_OTHERHOST = 3;
    private static final int SLL_OUTGOING = 4;

    /** How the stale addressing was seen, for the explanation. */
    private enum View { UNDERLAY, DECAPSULATED, COOKED, STATE }

    /** A stale MAC for one node, with where it is used and which look-alikes the facts exclude. */
    private static final class Stale {
        final Set<String> staleOn = new TreeSet<>();
        final Set<String> correctOn = new TreeSet<>();
        final List<Evidence> evidence = new ArrayList<>();
        final Set<View> views = new LinkedHashSet<>();
        final Map<LookAlike, String> excluded = new EnumMap<>(LookAlike.class);
        MacAddress staleMac;
        MacAddress actualMac;
        /** The VXLAN device holding the stale entry when state names it (flannel-v6.1 for IPv6 pods), else null. */
        String device;
        int frames;

        /** A MAC seen stale (in frames or in state), or frames the kernel marked otherhost: worth a finding. */
        boolean reported() {
            return staleMac != null || views.contains(View.COOKED);
        }
    }

    /** Frames of one IP pair in a cooked capture: how many the kernel marked otherhost, how many it did not. */
    private static final class CookedPair {
        int otherhost;
        int other;
        /** The frame number of the pair's last frame handled any other way (delivered, outgoing), or -1. */
        long lastOther = -1;
        FrameRef first;
        FrameRef last;
        Evidence evidence;
    }

    private record Pair(String capture, InetAddress from, InetAddress to) {
    }

    private final MacAddressing underlay = new MacAddressing();
    private final MacAddressing decapsulated = new MacAddressing();
    private final Map<Pair, CookedPair> cooked = new LinkedHashMap<>();
    private final Map<String, Set<InetAddress>> cookedOwnAddresses = new LinkedHashMap<>();
    private final Map<Pair, FrameRef> cookedOutgoing = new LinkedHashMap<>();

    @Override
    public String cause() {
        return Causes.VXLAN_STALE_NEIGHBOR;
    }

    @Override
    public Set<String> attributes() {
        return Set.of("actualMac", "node", "otherhost", "peersWorking", "staleFrames", "staleMac", "staleOn");
    }

    /** Every IP frame (an ARP-only frame has no IP header to address). */
    @Override
    public Set<PacketKind> interests() {
        return EnumSet.complementOf(EnumSet.of(PacketKind.ARP));
    }

    @Override
    public void onPacket(String capture, Packet packet) {
        if (packet.ip() == null || packet.link() == null) {
            return;
        }
        if (packet.vxlan() != null && packet.vxlan().inner() != null) {
            Packet inner = packet.vxlan().inner();
            if (inner.link() != null && inner.link().source() != null && inner.link().destination() != null) {
                record(underlay, capture, packet, inner.link(), VxlanStaleNeighborDetector::underlayDetail);
            }
            return;
        }
        LinkHeader link = packet.link();
        if (link.direction() >= 0) {
            cooked(capture, packet, link, new FrameRef(packet.frame(), packet.epochNanos()));
        } else if (link.source() != null && link.destination() != null) {
            record(decapsulated, capture, packet, link, VxlanStaleNeighborDetector::decapsulatedDetail);
        }
    }

    private static String underlayDetail(Packet packet) {
        Packet inner = packet.vxlan().inner();
        return "VXLAN vni " + packet.vxlan().vni() + ", inner " + inner.link().source() + " > "
                + inner.link().destination() + " " + inner.flow();
    }

    private static String decapsulatedDetail(Packet packet) {
        return packet.link().source() + " > " + packet.link().destination() + " " + packet.flow();
    }

    private static void record(MacAddressing view, String capture, Packet packet, LinkHeader link,
                               java.util.function.Function<Packet, String> detail) {
        view.frame(capture, packet.ip().source(), packet.ip().destination(), link.source(), link.destination(),
                packet, detail);
    }

    private void cooked(String capture, Packet packet, LinkHeader link, FrameRef frame) {
        InetAddress from = packet.ip().source();
        InetAddress to = packet.ip().destination();
        if (link.direction() == SLL_OUTGOING) {
            Set<InetAddress> own = cookedOwnAddresses.computeIfAbsent(capture, k -> new LinkedHashSet<>());
            if (own.size() < PAIRS_KEPT) {
                own.add(from);
            }
            if (cookedOutgoing.size() < PAIRS_KEPT) {
                cookedOutgoing.put(new Pair(capture, from, to), frame);
            }
        }
        Pair pair = new Pair(capture, from, to);
        CookedPair p = cooked.get(pair);
        if (p == null) {
            if (cooked.size() >= PAIRS_KEPT) {
                return;
            }
            p = new CookedPair();
            cooked.put(pair, p);
        }
        if (link.direction() == SLL_OTHERHOST) {
            p.otherhost++;
            if (p.first == null) {
                p.first = frame;
                p.evidence = Evidence.frame(capture, frame, packet.flow(), "packet type otherhost (from "
                        + link.source() + "): the kernel drops it as addressed to another host's MAC");
            }
            p.last = frame;
        } else {
            p.other++;
            p.lastOther = frame.frame();
        }
    }

    @Override
    public List<Finding> conclude(AnalysisContext context) {
        HostStates states = context.states();
        if (!anyVxlanDeviceMac(states)) {
            // Then the decapsulated view marks no MAC stale (see fromAddressing): it only names the peers that
            // address a node correctly, which a finding shows when another view reports that node. So the other
            // views decide whether any node is reported, and the decapsulated one (every IP pair of a plain
            // Ethernet capture) is walked only if one is.
            Map<String, Stale> others = new LinkedHashMap<>();
            collect(states, false, others);
            if (!anyReported(others)) {
                return List.of();
            }
        }
        Map<String, Stale> byNode = new LinkedHashMap<>();
        collect(states, true, byNode);
        List<Finding> findings = new ArrayList<>();
        byNode.forEach((node, stale) -> {
            if (stale.reported()) {
                findings.add(finding(states, node, stale));
            }
        });
        return findings;
    }

    // a loop, not a stream with a method reference: the training run of the launcher's AppCDS archive has host
    // state with VXLAN devices and never meets this path, so a lambda here would be spun on every start
    private static boolean anyReported(Map<String, Stale> byNode) {
        for (Stale stale : byNode.values()) {
            if (stale.reported()) {
                return true;
            }
        }
        return false;
    }

    /** Every view's stale (and correct) addressing per node, in the order findings list them. */
    private void collect(HostStates states, boolean withDecapsulated, Map<String, Stale> byNode) {
        fromAddressing(states, underlay, View.UNDERLAY, byNode);
        if (withDecapsulated) {
            fromAddressing(states, decapsulated, View.DECAPSULATED, byNode);
        }
        fromCooked(states, byNode);
        fromState(states, byNode);
    }

    /**
     * Uses of a MAC that the addressed side never sends from, repeated over time and never corrected by the
     * same sender, while the addressed side keeps sending from its one actual MAC.
     */
    private static void fromAddressing(HostStates states, MacAddressing view, View kind, Map<String, Stale> byNode) {
        // a name per address, once: a capture's uses name the same few thousand addresses over and over, and each
        // naming walks the host state (parsing its CIDRs)
        Map<InetAddress, String> names = new HashMap<>();
        Function<InetAddress, String> naming = kind == View.UNDERLAY ? states::nodeName : a -> nodeOf(states, a);
        view.uses().forEach((use, seen) -> {
            MacAddressing.Sender target = view.sender(use.capture(), use.to());
            // flannel-style VTEPs source every frame from their one device MAC; with several (an L2 overlay
            // bridging pod MACs, a router pair) an unknown destination MAC proves nothing. Two MACs one after the
            // other are the device recreated while the capture ran: the later one is the actual MAC.
            MacAddressing.Move move = target == null || target.macs.size() == 1 ? null : target.moved();
            if (target == null || target.macs.size() != 1 && move == null
                    || view.onL2Segment(use.capture(), use.to())) {
                return;
            }
            MacAddress actual = move == null ? target.macs.iterator().next() : move.current();
            String node = names.computeIfAbsent(use.to(), naming);
            String peer = names.computeIfAbsent(use.from(), naming);
            if (actual.equals(use.destination())) {
                byNode.computeIfAbsent(node, k -> new Stale()).correctOn.add(peer);
                return;
            }
            // outside a VXLAN device, frames to one MAC and replies from another are also two routers (or a
            // test's fixed MACs): a plain Ethernet capture counts only when state names the MAC a VXLAN device's
            if (kind == View.DECAPSULATED && !vxlanDeviceMac(states, actual)) {
                return;
            }
            if (!stuck(view, use, seen, move)) {
                return;
            }
            boolean retired = move != null; // stuck() admits a moved receiver only for its retired MAC
            FrameRef afterMove = retired ? seen.oldestRecent() : null;
            MacAddressing.Seen corrected = view.uses().get(new MacAddressing.Use(use.capture(), use.from(),
                    use.to(), actual));
            if (corrected != null && corrected.lastNanos > seen.lastNanos) {
                return; // the sender moved to the actual MAC: a change-over, not a stuck entry
            }
            Stale stale = byNode.computeIfAbsent(node, k -> new Stale());
            stale.views.add(kind);
            stale.staleMac = use.destination();
            stale.actualMac = actual;
            stale.staleOn.add(peer);
            stale.correctOn.remove(peer);
            String what = kind == View.UNDERLAY ? "inner MAC" : "MAC";
            if (retired) {
                // the use's count includes the frames before the move, when the MAC was right: not all are stale
                String after = Texts.fixed((seen.lastNanos - move.atNanos()) / 1e9, 1);
                stale.evidence.add(Evidence.frame(use.capture(), afterMove, use.from().getHostAddress() + " > "
                        + use.to().getHostAddress(), "VXLAN frame to " + what + " " + use.destination() + ": " + peer
                        + " still addresses " + node + " with it " + after + " s after " + node + " stopped sending"
                        + " from it and moved to " + actual));
                stale.excluded.put(LookAlike.ORDINARY_LOSS, peer + " kept using the " + what + " "
                        + use.destination() + " for " + after + " s after " + node + " moved to " + actual + " (its"
                        + " last " + MacAddressing.RECENT + " frames all after the move) and never switched: a stuck"
                        + " entry, not random loss");
            } else {
                stale.frames += seen.count;
                Evidence first = seen.first.get();
                stale.evidence.add(new Evidence(first.source(), first.frame(), first.time(),
                        first.flow(), first.detail() + ": " + peer + " addresses " + node + " as "
                        + use.destination() + " (" + seen.count + " frames over " + Texts.fixed(seen.spanSeconds(), 1)
                        + " s), but " + node + " itself sends from "
                        + actual));
                stale.excluded.put(LookAlike.ORDINARY_LOSS, seen.count + " frames over "
                        + Texts.fixed(seen.spanSeconds(), 1) + " s all carry the " + what + " "
                        + use.destination() + " and " + peer + " never switched to " + actual + ": a stuck entry, not"
                        + " random loss");
            }
            stale.excluded.put(LookAlike.FIREWALL_DROP, "frames to " + use.destination() + ", a " + what + " "
                    + node + (retired ? " no longer" : " never") + " sends from, are discarded as otherhost before"
                    + " netfilter sees them");
            if (target.lastNanos > (retired ? afterMove : seen.firstFrame).epochNanos()) {
                stale.excluded.put(LookAlike.DEAD_HOST, node + " kept sending from " + actual + " after the first"
                        + " stale frame (" + target.count + " frames): it is up, with a new MAC");
            }
            if (kind == View.DECAPSULATED) {
                stale.excluded.put(LookAlike.ASYMMETRIC_REPLY, actual + " is a VXLAN device's MAC in the host"
                        + " state: on an L3 overlay every frame for it is addressed to the device itself");
            }
        });
    }

    /** Whether any host's state names a VXLAN device with its MAC (what {@link #vxlanDeviceMac} can match). */
    private static boolean anyVxlanDeviceMac(HostStates states) {
        return states.latestHosts().stream().anyMatch(h -> h.links().stream()
                .anyMatch(l -> isVxlan(h, l.name()) && l.mac() != null));
    }

    private static boolean vxlanDeviceMac(HostStates states, MacAddress mac) {
        return states.latestHosts().stream().anyMatch(h -> h.links().stream().filter(l -> isVxlan(h, l.name()))
                .anyMatch(l -> l.mac() != null && mac.equals(MacAddress.parse(l.mac()))));
    }

    private static String nodeOf(HostStates states, InetAddress address) {
        return states.nodeOwning(address).map(NodeCidr::node).orElse(address.getHostAddress());
    }

    /**
     * Cooked captures: frames for an address this host sends from, marked otherhost, repeatedly, by a sender
     * none of whose later frames to that address were handled any other way (bridged pod traffic also shows
     * otherhost on veths, but the same pair is then seen delivered too, at the same times; a peer reprogrammed
     * late is delivered again afterwards). Frames delivered before the first otherhost one are the MAC change
     * happening while the capture ran.
     */
    private void fromCooked(HostStates states, Map<String, Stale> byNode) {
        cooked.forEach((pair, p) -> {
            // frames delivered before the first otherhost one are the MAC change seen in the capture; one
            // delivered after it is a change-over that was corrected, or a bridge's copy of the same frame
            if (p.otherhost < MIN_STALE_FRAMES || p.lastOther > p.first.frame()
                    || p.last.secondsAfter(p.first) < MIN_STALE_SECONDS
                    || !cookedOwnAddresses.getOrDefault(pair.capture(), Set.of()).contains(pair.to())) {
                return;
            }
            String node = nodeOf(states, pair.to());
            String peer = nodeOf(states, pair.from());
            Stale stale = byNode.computeIfAbsent(node, k -> new Stale());
            stale.views.add(View.COOKED);
            stale.staleOn.add(peer);
            stale.frames += p.otherhost;
            stale.evidence.add(p.evidence);
            FrameRef out = cookedOutgoing.get(new Pair(pair.capture(), pair.to(), pair.from()));
            if (out != null) {
                stale.evidence.add(Evidence.frame(pair.capture(), out, pair.to().getHostAddress() + " > "
                        + pair.from().getHostAddress(), "this host sends to the peer normally: only the way back"
                        + " is broken"));
            }
            String span = Texts.fixed(p.last.secondsAfter(p.first), 1);
            stale.excluded.putIfAbsent(LookAlike.ORDINARY_LOSS, "all " + p.otherhost + " frames from "
                    + pair.from().getHostAddress() + " to " + pair.to().getHostAddress() + " over " + span + " s were"
                    + " marked otherhost and none was delivered" + (p.other == 0 ? "" : " (" + p.other + " earlier"
                    + " ones were, until the MAC changed)") + ": deterministic, not random loss");
            stale.excluded.putIfAbsent(LookAlike.FIREWALL_DROP, "the kernel marked the frames otherhost (wrong"
                    + " destination MAC): they are dropped before netfilter");
            if (out != null) {
                stale.excluded.putIfAbsent(LookAlike.DEAD_HOST, pair.to().getHostAddress() + " sends to "
                        + pair.from().getHostAddress() + " in the same capture: both ends are up");
            }
        });
    }

    /**
     * PERMANENT neighbor entries on VXLAN devices whose MAC is neither the peer's actual device MAC (its own
     * snapshot) nor the VTEP MAC its lease publishes.
     */
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
                if (peer.isEmpty()) {
                    continue;
                }
                String node = peer.get().node();
                // the peer's own device when its state was collected, else the VtepMAC its Node object announces
                // (the API server's copy, from kube-nodes.txt), else the lease an agent holds
                Optional<LinkStats> device = states.latest(node).flatMap(h -> h.link(n.device()))
                        .filter(l -> l.mac() != null);
                Optional<String> announced = states.announcedVtepMac(node, subnet);
                Optional<Lease> lease = leaseOf(states, node);
                String actual = device.map(LinkStats::mac).or(() -> announced).or(() -> lease.map(Lease::vtepMac))
                        .orElse(null);
                if (actual == null || actual.equalsIgnoreCase(n.linkAddress())) {
                    continue;
                }
                Stale stale = byNode.computeIfAbsent(node, k -> new Stale());
                stale.views.add(View.STATE);
                stale.staleMac = MacAddress.parse(n.linkAddress());
                stale.actualMac = MacAddress.parse(actual);
                stale.device = n.device();
                stale.staleOn.add(host.name());
                stale.correctOn.remove(host.name());
                String source = device.isPresent() ? node + "'s " + n.device() + " is " + actual
                        : announced.isPresent() ? node + "'s Node object announces VtepMAC " + actual
                        : node + "'s lease publishes VTEP MAC " + actual;
                stale.evidence.add(Evidence.state(host.name(), "ip-neigh.json", n.describe() + " but " + source));
                host.fdb().stream().filter(f -> n.device().equals(f.device()))
                        .filter(f -> f.mac() != null && f.mac().equalsIgnoreCase(n.linkAddress()))
                        .map(FdbEntry::describe).findFirst().ifPresent(f -> stale.evidence.add(
                                Evidence.state(host.name(), "bridge-fdb.json", f + " (old MAC)")));
                stale.excluded.putIfAbsent(LookAlike.ORDINARY_LOSS, host.name() + " holds a PERMANENT entry for "
                        + node + " with " + n.linkAddress() + ", not " + actual + ": every frame through it is"
                        + " misaddressed, not some");
                stale.excluded.putIfAbsent(LookAlike.FIREWALL_DROP, "frames through that entry carry a MAC "
                        + node + "'s device does not have and are dropped as otherhost before netfilter");
                stale.excluded.putIfAbsent(LookAlike.DEAD_HOST, device.isPresent() ? node + "'s snapshot shows "
                        + n.device() + " with MAC " + actual + ": the node is up with a new MAC"
                        : announced.isPresent() ? node + "'s Node object was updated with VtepMAC " + actual
                        + " after this entry was written: its flanneld came back with a new device"
                        : node + "'s lease was republished with VTEP MAC " + actual + " after this entry was"
                        + " written: its flanneld came back with a new device");
            }
        }
    }

    private static Optional<Lease> leaseOf(HostStates states, String node) {
        return states.latestHosts().stream().filter(h -> h.agent() != null).flatMap(h -> h.agent().leases().stream())
                .filter(l -> node.equals(l.node()) && l.vtepMac() != null).findFirst();
    }

    /**
     * Whether frames to a MAC their receiver does not send from went on long enough to be a stuck entry rather
     * than a frame or two sent during a change.
     */
    private static boolean stuck(MacAddressing view, MacAddressing.Use use, MacAddressing.Seen seen,
                                 MacAddressing.Move move) {
        if (move == null) {
            return !view.everSentFrom(use.capture(), use.destination()) && seen.count >= MIN_STALE_FRAMES
                    && seen.spanSeconds() >= MIN_STALE_SECONDS;
        }
        if (!move.retired().equals(use.destination())) {
            return false;
        }
        // after a move, only the frames to the retired MAC that go on a second and more after it count: the last
        // RECENT of them must all come after the move, and no one may have sent from it since
        FrameRef afterMove = seen.oldestRecent();
        return seen.count >= MIN_STALE_FRAMES && afterMove.epochNanos() > move.atNanos()
                && (seen.lastNanos - afterMove.epochNanos()) / 1e9 >= MIN_STALE_SECONDS
                && !view.sentFromAfter(use.capture(), use.destination(), move.atNanos());
    }

    private static boolean isVxlan(HostSnapshot host, String device) {
        return device != null && (device.startsWith("flannel") || host.link(device)
                .map(l -> "vxlan".equals(l.kind())).orElse(false));
    }

    private static Finding finding(HostStates states, String node, Stale stale) {
        FindingBuilder finding = new FindingBuilder(Causes.VXLAN_STALE_NEIGHBOR)
                .confidence(stale.views.size() > 1 ? 0.85 : stale.views.contains(View.STATE) ? 0.7 : 0.6)
                .lookAlikes(LookAlike.DEAD_HOST, LookAlike.ORDINARY_LOSS, LookAlike.FIREWALL_DROP)
                .attribute("node", node).attribute("staleMac", stale.staleMac).attribute("actualMac", stale.actualMac)
                .attribute("staleOn", String.join(",", stale.staleOn))
                .attribute("staleFrames", stale.frames > 0 ? stale.frames : null);
        stale.excluded.forEach(finding::exclude);
        stale.evidence.forEach(finding::evidence);
        Optional<CounterReading> otherhost = states.latest(node).flatMap(h -> h.links().stream()
                .filter(l -> isVxlan(h, l.name()))
                .map(l -> states.linkCounter(node, l.name(), "rx otherhost drops", LinkStats::rxOtherhost))
                .reduce(CounterReading::plus)).filter(CounterReading::positive);
        otherhost.ifPresent(reading -> {
            // the device is recreated with its new MAC, so even a single snapshot counts only since the change
            finding.confirm(0.1).attribute("otherhost", reading.value()).evidence(Evidence.state(node,
                    reading.file(), "VXLAN device " + reading.describe() + ": frames for another MAC dropped after"
                            + " decapsulation"));
            finding.exclude(LookAlike.FIREWALL_DROP, node + "'s VXLAN device counts " + reading.value() + " frames"
                    + " dropped as otherhost: the loss is at decapsulation, before netfilter");
        });
        String macs = stale.staleMac == null ? "an old MAC" : "the old " + stale.staleMac;
        // packets alone do not name the device; flannel's IPv4 one is the usual suspect
        String dev = stale.device == null ? "flannel.1" : stale.device;
        String reach = stale.correctOn.isEmpty() ? ""
                : " Partial reachability: " + String.join(", ", stale.correctOn) + " use" + (stale.correctOn.size() == 1
                ? "s" : "") + " the right MAC, so " + stale.correctOn.size() + " of "
                + (stale.correctOn.size() + stale.staleOn.size()) + " peers work and requests fail only when they"
                + " land on " + String.join(", ", stale.staleOn) + ".";
        finding.attribute("peersWorking", stale.correctOn.size())
                .summary(node + "'s VXLAN MAC " + (stale.actualMac == null ? "changed" : "is now " + stale.actualMac)
                        + "; stale entries on " + String.join(", ", stale.staleOn) + " still send to " + macs)
                .explanation(node + "'s VXLAN device (" + dev + ") " + (stale.actualMac == null ? "has a new MAC"
                        : "now has MAC " + stale.actualMac) + " (e.g. it was recreated after a reboot), but the"
                        + " PERMANENT neighbor/FDB entries for " + node + "'s subnet on " + String.join(", ",
                        stale.staleOn) + " still hold " + macs + ". Frames from there to " + node + " carry that"
                        + " inner destination MAC; " + node + " decapsulates them and drops them as addressed to"
                        + " another host (rx otherhost), so connections from " + node + "'s pods to pods on those"
                        + " peers time out while the requests themselves arrive." + reach)
                .remediation("On " + String.join(", ", stale.staleOn) + ": replace the stale entries, both of them"
                        + " (ip neigh replace <" + node + " subnet>.0 lladdr " + (stale.actualMac == null
                        ? "<new MAC>" : stale.actualMac) + " dev " + dev + " nud permanent; bridge fdb del "
                        + (stale.staleMac == null ? "<old MAC>" : stale.staleMac) + " dev " + dev + "; bridge fdb"
                        + " append <new MAC> dev " + dev + " dst <" + node + " IP> self permanent), or restart"
                        + " flanneld there so it reprograms them. Fixing only the neighbor entry leaves tx drops.")
                .confirmWith("ip -j neigh show dev " + dev + " and bridge -j fdb show dev " + dev + " on "
                        + String.join(", ", stale.staleOn) + ", ip -s -s -j link show " + dev + " (otherhost) on "
                        + node + " (ci/collect-node-state.sh collects all three)");
        return finding.build();
    }
}

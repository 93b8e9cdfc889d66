package dev.faultlab.detect.state;

import dev.faultlab.capture.layout.StateLayout;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

/**
 * The host state of a diagnosis: zero or more snapshots (usually {@code before} and {@code after}) ordered in
 * time. A counter is read as a {@link CounterReading}: latest minus earliest when the host is in two snapshots,
 * else its absolute value since boot, labelled as such.
 */
public final class HostStates {
    private final List<StateSnapshot> snapshots;
    /**
     * The pod CIDR of every node, in the order {@link #nodeOwning} tries them: parsed once, not per address asked
     * (route-missing asks for every failed connect).
     */
    private final List<NodeCidr> nodeCidrs;

    private HostStates(List<StateSnapshot> snapshots) {
        List<StateSnapshot> ordered = new ArrayList<>(snapshots);
        // snapshots without a time keep the order given (stable sort)
        ordered.sort(Comparator.comparing(s -> s.takenAt() == null ? Instant.MIN : s.takenAt()));
        this.snapshots = List.copyOf(ordered);
        this.nodeCidrs = nodeCidrs(latestHosts());
    }

    public static HostStates of(List<StateSnapshot> snapshots) {
        return new HostStates(snapshots);
    }

    public static HostStates none() {
        return new HostStates(List.of());
    }

    public boolean isEmpty() {
        return snapshots.stream().allMatch(s -> s.hosts().isEmpty());
    }

    /** Each host's most recent snapshot. */
    public Collection<HostSnapshot> latestHosts() {
        Map<String, HostSnapshot> latest = new LinkedHashMap<>();
        snapshots.forEach(s -> latest.putAll(s.hosts()));
        return latest.values();
    }

    public Optional<HostSnapshot> latest(String host) {
        return snapshotsOf(host).reduce((first, second) -> second);
    }

    public Optional<HostSnapshot> earliest(String host) {
        return snapshotsOf(host).findFirst();
    }

    private Stream<HostSnapshot> snapshotsOf(String host) {
        return snapshots.stream().map(s -> s.hosts().get(host)).filter(Objects::nonNull);
    }

    /** A nstat counter on a host (0 since boot when the host or counter is unknown). */
    public CounterReading counter(String host, String counter) {
        return reading(host, StateLayout.NSTAT.name(), counter, h -> h.counters().getOrDefault(counter, 0L));
    }

    /**
     * A link counter of a host's device, e.g. {@code link(host, "flannel.1", "rx otherhost drops",
     * LinkStats::rxOtherhost)} (0 when the device is unknown).
     */
    public CounterReading linkCounter(String host, String device, String what, ToLongFunction<LinkStats> counter) {
        return reading(host, StateLayout.IP_LINK.name(), device + " " + what,
                h -> h.link(device).map(counter::applyAsLong).orElse(0L));
    }

    private CounterReading reading(String host, String file, String name, ToLongFunction<HostSnapshot> value) {
        List<StateSnapshot> with = snapshots.stream().filter(s -> s.hosts().containsKey(host)).toList();
        if (with.isEmpty()) {
            return new CounterReading(host, file, name, 0, CounterReading.Span.SINCE_BOOT, null, null);
        }
        StateSnapshot last = with.get(with.size() - 1);
        long after = value.applyAsLong(last.hosts().get(host));
        if (with.size() == 1) {
            return new CounterReading(host, file, name, after, CounterReading.Span.SINCE_BOOT, null, last.label());
        }
        StateSnapshot first = with.get(0);
        return new CounterReading(host, file, name, after - value.applyAsLong(first.hosts().get(host)),
                CounterReading.Span.BETWEEN_SNAPSHOTS, first.label(), last.label());
    }

    /** The host an address belongs to (latest snapshots). */
    public Optional<HostSnapshot> hostWithAddress(InetAddress address) {
        return latestHosts().stream().filter(h -> h.hasAddress(address)).findFirst();
    }

    /**
     * The node whose pod CIDR holds {@code address}: host.json podCidr of nodes first, then the leases (agents'
     * and the Node objects of kube-nodes.txt).
     */
    public Optional<NodeCidr> nodeOwning(InetAddress address) {
        for (NodeCidr known : nodeCidrs) {
            if (known.podCidr().contains(address)) {
                return Optional.of(known);
            }
        }
        return Optional.empty();
    }

    private static List<NodeCidr> nodeCidrs(Collection<HostSnapshot> latestHosts) {
        List<NodeCidr> known = new ArrayList<>();
        for (HostSnapshot host : latestHosts) {
            Cidr cidr = Cidr.parseOrNull(host.info().podCidr());
            if (host.info().isNode() && cidr != null) {
                known.add(new NodeCidr(host.name(), cidr));
            }
        }
        latestHosts.stream().flatMap(h -> h.leases().stream())
                .filter(l -> l.node() != null && Cidr.parseOrNull(l.podCidr()) != null)
                .forEach(l -> known.add(new NodeCidr(l.node(), Cidr.parse(l.podCidr()))));
        return List.copyOf(known);
    }

    /**
     * A node's name from its underlay address (host.json, else leases); the address itself when unknown. A lease's
     * address is compared as an address, not as text: an IPv6 lease says fd93:6:0:2::11 where the capture's
     * address prints as fd93:6:0:2:0:0:0:11.
     */
    public String nodeName(InetAddress underlay) {
        Optional<HostSnapshot> host = hostWithAddress(underlay).filter(h -> h.info().isNode());
        if (host.isPresent()) {
            return host.get().name();
        }
        return latestHosts().stream().flatMap(h -> h.leases().stream())
                .filter(l -> l.node() != null && isAddress(l.underlayIp(), underlay))
                .map(Lease::node).findFirst().orElse(underlay.getHostAddress());
    }

    private static boolean isAddress(String literal, InetAddress address) {
        Cidr parsed = Cidr.parseOrNull(literal);
        return parsed != null && parsed.network().equals(address);
    }

    /**
     * The VTEP MAC the API server holds for {@code node}'s VXLAN device of {@code destination}'s address family
     * (flannel's backend-data, or backend-v6-data for IPv6, in any host's kube-nodes.txt): flannel.1 and
     * flannel-v6.1 have different MACs. Only the Node object counts here: an agent's lease table may be the stale
     * copy itself.
     */
    public Optional<String> announcedVtepMac(String node, InetAddress destination) {
        boolean ipv6 = destination instanceof Inet6Address;
        return latestHosts().stream().flatMap(h -> h.kubeNodes().stream())
                .filter(l -> node.equals(l.node()) && l.vtepMac() != null && isIpv6(l) == ipv6)
                .map(Lease::vtepMac).findFirst();
    }

    /** A lease's family: its underlay's, else its pod CIDR's; IPv4 when it names neither. */
    private static boolean isIpv6(Lease lease) {
        String address = lease.underlayIp() != null ? lease.underlayIp() : lease.podCidr();
        return address != null && address.contains(":");
    }

    /** The host that sends traffic from {@code address}: the host owning it, or for a pod its node. */
    public Optional<HostSnapshot> routingHostFor(InetAddress address) {
        Optional<HostSnapshot> owner = hostWithAddress(address);
        if (owner.isPresent() && owner.get().info().node() != null) {
            return latest(owner.get().info().node()).or(() -> owner);
        }
        return owner.or(() -> nodeOwning(address).flatMap(n -> latest(n.node())));
    }
}

package dev.faultlab.detect.state;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything one snapshot recorded about one host. Lists are empty and maps empty when the file was absent.
 *
 * @param name      the host directory's name
 * @param info      host.json (fields null when absent)
 * @param addresses addresses from ip-addr.json ({@code address/prefix}), plus host.json's
 * @param routes    ip-route.json
 * @param neighbors ip-neigh.json
 * @param fdb       bridge-fdb.json
 * @param links     ip-link.json
 * @param listeners ss-ltn.txt
 * @param sockets   ss-tanoi.txt
 * @param counters  nstat.txt (absolute values since boot; {@link HostStates#counter} reads deltas)
 * @param sysctls   sysctl.txt
 * @param conntrack conntrack.txt
 * @param agent     agent.json, or null
 * @param kubeNodes kube-nodes.txt: every Node object's pod CIDR, VTEP MAC and underlay IP as leases
 */
public record HostSnapshot(String name, HostInfo info, List<String> addresses, List<Route> routes,
                           List<Neighbor> neighbors, List<FdbEntry> fdb, List<LinkStats> links,
                           List<Listener> listeners, List<TcpSocket> sockets, Map<String, Long> counters,
                           Map<String, String> sysctls, List<ConntrackEntry> conntrack, AgentState agent,
                           List<Lease> kubeNodes) {
    /** Route types that decide a lookup in the main table (others are local/broadcast/multicast bookkeeping). */
    private static final Set<String> LOOKUP_TYPES = Set.of("unicast", "blackhole", "unreachable", "prohibit");

    public HostSnapshot {
        addresses = List.copyOf(addresses);
        routes = List.copyOf(routes);
        neighbors = List.copyOf(neighbors);
        fdb = List.copyOf(fdb);
        links = List.copyOf(links);
        listeners = List.copyOf(listeners);
        sockets = List.copyOf(sockets);
        counters = Map.copyOf(counters);
        sysctls = Map.copyOf(sysctls);
        conntrack = List.copyOf(conntrack);
        kubeNodes = List.copyOf(kubeNodes);
    }

    /** The pod CIDR leases this host knows: its agent's, then the Node objects kubectl showed. */
    public List<Lease> leases() {
        List<Lease> leases = new ArrayList<>(agent == null ? List.of() : agent.leases());
        leases.addAll(kubeNodes);
        return leases;
    }

    public Optional<LinkStats> link(String device) {
        return links.stream().filter(l -> l.name().equals(device)).findFirst();
    }

    /** True when the address is configured on this host (ip addr, host.json addresses or underlay IP). */
    public boolean hasAddress(InetAddress address) {
        return addresses.stream().map(a -> Cidr.parseOrNull(a.contains("/") ? a.substring(0, a.indexOf('/')) : a))
                .anyMatch(c -> c != null && c.network().equals(address));
    }

    /** The main-table route the kernel would pick for {@code destination} (longest prefix), if any. */
    public Optional<Route> lookup(InetAddress destination) {
        return routes.stream()
                .filter(r -> "main".equals(r.table()) && LOOKUP_TYPES.contains(r.type()))
                .filter(r -> r.prefix() != null && r.prefix().contains(destination))
                .max(Comparator.comparingInt(r -> r.prefix().prefix()));
    }

    public Optional<String> sysctl(String key) {
        return Optional.ofNullable(sysctls.get(key));
    }
}

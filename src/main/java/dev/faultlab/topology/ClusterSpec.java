package dev.faultlab.topology;

import java.util.ArrayList;
import java.util.List;

/**
 * What cluster to build, whichever backend builds it. Immutable; the {@code withX} methods return copies.
 * Naming is fixed so scenarios can address hosts: nodes {@code node-1..N} (pod CIDR {@code 10.244.i.0/24},
 * underlay {@code 192.168.100.(10+i)}), pods {@code pod-i-a}, {@code pod-i-b}, ... ({@code 10.244.i.2}, ...),
 * clients by the names given (underlay {@code 192.168.100.100+}, or right after the last node in labs of more
 * than 89 nodes), ClusterIPs from {@code 10.96.0.0/16}.
 *
 * <p>At most {@value #MAX_NODES} nodes: nodes and clients share the underlay's one /24 ({@code .11} to
 * {@code .254}), so {@value #MAX_NODES} leaves room for 44 clients; beyond the address plan, a BGP full mesh
 * grows as N(N-1)/2 sessions (19,900 at 200), which is what a 2-core runner can still bring up.
 *
 * @param nodes       number of nodes
 * @param podsPerNode pods on each node
 * @param datapath    pod-to-pod datapath
 * @param clients     names of hosts outside the cluster on the underlay (clients, load balancers)
 * @param services    services kube-proxy programs
 * @param bgp         BGP timers (used by the bgp datapath only)
 */
public record ClusterSpec(int nodes, int podsPerNode, Datapath datapath, List<String> clients,
                          List<ServiceSpec> services, BgpOptions bgp) {
    public static final int MAX_NODES = 200;
    private static final int FIRST_CLIENT_HOST = 100;
    private static final int LAST_HOST = 254;

    public ClusterSpec {
        if (nodes < 1 || nodes > MAX_NODES) {
            throw new IllegalArgumentException("nodes must be between 1 and " + MAX_NODES + ", got " + nodes);
        }
        if (podsPerNode < 0 || podsPerNode > 26) {
            throw new IllegalArgumentException("pods per node must be between 0 and 26, got " + podsPerNode);
        }
        clients = List.copyOf(clients);
        if (clientHost(nodes, clients.size() - 1) > LAST_HOST) {
            throw new IllegalArgumentException(nodes + " nodes and " + clients.size() + " clients do not fit the"
                    + " underlay /24 (nodes from .11, clients after them, up to ." + LAST_HOST + "): use fewer of either");
        }
        services = List.copyOf(services);
    }

    /** Host number of node {@code i} (1-based) on the underlay /24. */
    public static int nodeHost(int i) {
        return 10 + i;
    }

    /** Host number of client {@code j} (0-based): {@code .100} up, or right after the last node. */
    public int clientHost(int j) {
        return clientHost(nodes, j);
    }

    private static int clientHost(int nodes, int j) {
        return Math.max(FIRST_CLIENT_HOST, nodeHost(nodes) + 1) + j;
    }

    public static ClusterSpec of(int nodes, int podsPerNode, Datapath datapath) {
        return new ClusterSpec(nodes, podsPerNode, datapath, List.of(), List.of(), BgpOptions.labDefaults());
    }

    public ClusterSpec withClient(String name) {
        List<String> more = new ArrayList<>(clients);
        more.add(name);
        return new ClusterSpec(nodes, podsPerNode, datapath, more, services, bgp);
    }

    public ClusterSpec withService(ServiceSpec service) {
        List<ServiceSpec> more = new ArrayList<>(services);
        more.add(service);
        return new ClusterSpec(nodes, podsPerNode, datapath, clients, more, bgp);
    }

    public ClusterSpec withBgp(BgpOptions options) {
        return new ClusterSpec(nodes, podsPerNode, datapath, clients, services, options);
    }

    public static String nodeName(int index) {
        return "node-" + index;
    }

    public static String podName(int nodeIndex, int podIndex) {
        return "pod-" + nodeIndex + "-" + (char) ('a' + podIndex);
    }
}

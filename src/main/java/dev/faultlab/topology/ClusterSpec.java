package dev.faultlab.topology;

import java.util.ArrayList;
import java.util.List;

/**
 * What cluster to build, whichever backend builds it. Immutable; the {@code withX} methods return copies.
 * Naming is fixed so scenarios can address hosts: nodes {@code node-1..N} (pod CIDR {@code 10.244.i.0/24},
 * underlay {@code 192.168.100.(10+i)}), pods {@code pod-i-a}, {@code pod-i-b}, ... ({@code 10.244.i.2}, ...),
 * clients by the names given (underlay {@code 192.168.100.100+}), ClusterIPs from {@code 10.96.0.0/16}.
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
    public ClusterSpec {
        if (nodes < 1 || nodes > 50) {
            throw new IllegalArgumentException("nodes must be between 1 and 50, got " + nodes);
        }
        if (podsPerNode < 0 || podsPerNode > 26) {
            throw new IllegalArgumentException("pods per node must be between 0 and 26, got " + podsPerNode);
        }
        clients = List.copyOf(clients);
        services = List.copyOf(services);
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

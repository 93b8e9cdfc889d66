package dev.faultlab.topology;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a running lab looks like: every host a test can exec in, capture on and snapshot.
 *
 * @param labId    the unique id (and name prefix) of this lab
 * @param backend  which backend built it ({@code netns}, {@code docker}, {@code k3s}, {@code kubeconfig})
 * @param datapath the pod-to-pod datapath
 * @param nodes    nodes in order
 * @param pods     pods in order
 * @param clients  hosts outside the cluster on the underlay
 * @param services services programmed on every node
 * @param notes    facts a report should mention, e.g. {@code tunl0 -> "vxlan stand-in (kernel has no ipip)"}
 */
public record ClusterLayout(String labId, String backend, Datapath datapath, List<NodeInfo> nodes,
                            List<PodInfo> pods, List<ClientInfo> clients, List<ServiceInfo> services,
                            Map<String, String> notes) {
    public ClusterLayout {
        nodes = List.copyOf(nodes);
        pods = List.copyOf(pods);
        clients = List.copyOf(clients);
        services = List.copyOf(services);
        notes = Map.copyOf(notes);
    }

    public Optional<NodeInfo> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    public Optional<PodInfo> pod(String name) {
        return pods.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<ServiceInfo> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public List<PodInfo> podsOn(String node) {
        return pods.stream().filter(p -> p.node().equals(node)).toList();
    }
}

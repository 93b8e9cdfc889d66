package dev.faultlab.backend.k3s;

import dev.faultlab.backend.BackendSettings;
import dev.faultlab.container.ContainerNode;
import dev.faultlab.datapath.NodeShell;
import dev.faultlab.topology.NodeInfo;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;
import java.util.Map;

/**
 * The running nodes of a k3s lab as a datapath sees them: the Kubernetes view (name, InternalIP, the podCIDR the
 * controller allocated), the node containers to exec in, and an API client.
 *
 * @param nodes      nodes in order, {@code node-1} (the server) first
 * @param containers node name to its container
 * @param client     a client of the lab's API server
 * @param settings   the user's choices of images
 */
record K3sNodes(List<NodeInfo> nodes, Map<String, ContainerNode> containers, KubernetesClient client,
                BackendSettings settings) {
    public K3sNodes {
        nodes = List.copyOf(nodes);
        containers = Map.copyOf(containers);
    }

    public NodeShell shell(String node) {
        return containers.get(node)::exec;
    }
}

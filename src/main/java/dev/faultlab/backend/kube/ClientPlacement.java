package dev.faultlab.backend.kube;

import dev.faultlab.kubelab.NodeDiscovery;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a scenario's client (a host outside the cluster: a load balancer, an outside server) runs on a real cluster:
 * as a pod of its own (its own network namespace with an {@code eth0}, as every lab client has, so its sysctls and
 * captures touch nobody else) pinned to a labelled node the scenario does not use, so its traffic reaches the
 * scenario's nodes across the network as an outside host's does. Clients beyond the spare labelled nodes, or on a
 * cluster without one, run on the scenario's last node (a NodePort of that very node is then reached locally:
 * label one more node to keep every client outside).
 *
 * @param client the client's lab name (the pod's name)
 * @param node   the real node it is pinned to
 * @param spare  whether that node is outside the scenario's nodes
 */
record ClientPlacement(String client, String node, boolean spare) {
    /**
     * One placement per client, in order: the i-th client on the i-th spare labelled node (one with an InternalIP),
     * the rest on the last of the scenario's nodes.
     *
     * @param labelled      every labelled node, sorted by name (the scenario's are the first {@code scenarioNodes})
     * @param scenarioNodes how many nodes the scenario uses
     */
    static List<ClientPlacement> plan(List<String> clients, List<NodeDiscovery.DiscoveredNode> labelled,
                                      int scenarioNodes) {
        List<NodeDiscovery.DiscoveredNode> spare = labelled.subList(Math.min(scenarioNodes, labelled.size()),
                labelled.size()).stream().filter(n -> n.internalIp() != null).toList();
        String last = labelled.get(scenarioNodes - 1).name();
        List<ClientPlacement> placements = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            placements.add(i < spare.size() ? new ClientPlacement(clients.get(i), spare.get(i).name(), true)
                    : new ClientPlacement(clients.get(i), last, false));
        }
        return placements;
    }
}

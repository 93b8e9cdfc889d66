package dev.faultlab.backend.kube;

import dev.faultlab.kubelab.LabManifests;
import dev.faultlab.kubelab.NodeDiscovery;
import dev.faultlab.LabException;

import java.util.List;

/**
 * Scenarios break networking on purpose, so they run only on nodes someone labelled for it: a cluster with too
 * few labelled nodes is refused with the command that labels one.
 */
final class LabGuard {
    private LabGuard() {
    }

    /** Returns the first {@code needed} labelled nodes, or throws naming how many there are and how to label. */
    public static List<NodeDiscovery.DiscoveredNode> require(List<NodeDiscovery.DiscoveredNode> labelled, int needed) {
        if (labelled.size() < needed) {
            throw new LabException("cluster has " + labelled.size() + " node(s) labelled " + LabManifests.NODE_LABEL
                    + "=true, the scenario needs " + needed + ": label nodes you may break with 'kubectl label node"
                    + " NODE " + LabManifests.NODE_LABEL + "=true'");
        }
        List<NodeDiscovery.DiscoveredNode> chosen = labelled.subList(0, needed);
        chosen.stream().filter(n -> n.internalIp() == null).findFirst().ifPresent(n -> {
            throw new LabException("node " + n.name() + " has no InternalIP address: check 'kubectl get node "
                    + n.name() + " -o wide'");
        });
        return List.copyOf(chosen);
    }
}

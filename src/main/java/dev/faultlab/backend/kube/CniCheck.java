package dev.faultlab.backend.kube;

import dev.faultlab.LabException;
import dev.faultlab.Registry;
import dev.faultlab.kubelab.NodeDiscovery;
import dev.faultlab.topology.Datapath;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A scenario's faults and captures address its datapath's devices and daemons (flannel.1 and flanneld, tunl0, the
 * BGP daemon), so it runs only on a cluster whose CNI is that datapath: each node the lab uses must show it on its
 * Node object. Anything else is refused, before anything is created, with one line naming what the nodes show.
 */
final class CniCheck {
    private CniCheck() {
    }

    /** Refuses unless every one of {@code nodes} shows {@code wanted} (a {@link LabException} of one line). */
    static void require(KubernetesClient client, List<NodeDiscovery.DiscoveredNode> nodes, Datapath wanted) {
        List<Node> objects = nodes.stream().map(n -> client.nodes().withName(n.name()).get()).toList();
        require(objects, wanted);
    }

    static void require(List<Node> nodes, Datapath wanted) {
        List<KubeCni> known = Registry.of(KubeCni.class, "CNI of the kubeconfig backend", c -> c.datapath().id()).all();
        List<String> mismatches = new ArrayList<>();
        for (Node node : nodes) {
            String name = node.getMetadata().getName();
            Optional<String> shows = known.stream().filter(c -> c.datapath().equals(wanted))
                    .flatMap(c -> c.shownBy(node).stream()).findFirst();
            if (shows.isPresent()) {
                continue;
            }
            mismatches.add(name + " shows " + known.stream().flatMap(c -> c.shownBy(node)
                    .map(fact -> c.describe() + " = datapath " + c.datapath().id() + " (" + fact + ")").stream())
                    .findFirst().orElse("no CNI faultlab knows (none of the annotations of "
                            + known.stream().map(KubeCni::describe).collect(Collectors.joining(", ")) + ")"));
        }
        if (!mismatches.isEmpty()) {
            throw new LabException("the scenario runs on datapath " + wanted.id() + ", but node "
                    + String.join("; node ", mismatches) + ": run it on a cluster whose CNI is "
                    + known.stream().filter(c -> c.datapath().equals(wanted)).map(KubeCni::describe).findFirst()
                    .orElse(wanted.id()) + ", or set the scenario's cluster.datapath to the cluster's");
        }
    }
}

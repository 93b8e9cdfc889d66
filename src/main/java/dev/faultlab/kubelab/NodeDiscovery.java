package dev.faultlab.kubelab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Reads a real cluster's nodes into the lab's terms: name, InternalIP, podCIDR, and flannel's VTEP MAC and public IP
 * from the annotations flannel writes ({@code flannel.alpha.coreos.com/backend-data = {"VtepMAC": ...}},
 * {@code flannel.alpha.coreos.com/public-ip}). Only nodes labelled {@link LabManifests#NODE_LABEL}=true count.
 */
public final class NodeDiscovery {
    public static final String BACKEND_DATA = "flannel.alpha.coreos.com/backend-data";
    public static final String PUBLIC_IP = "flannel.alpha.coreos.com/public-ip";
    public static final String BACKEND_TYPE = "flannel.alpha.coreos.com/backend-type";

    private NodeDiscovery() {
    }

    /**
     * A real node as the lab sees it.
     *
     * @param name        the node's Kubernetes name
     * @param internalIp  its InternalIP address
     * @param podCidr     spec.podCIDR (may be null on clusters whose CNI allocates addresses itself)
     * @param vtepMac     flannel's VTEP MAC, or null when flannel's annotations are absent
     * @param publicIp    flannel's public-ip annotation (the VXLAN endpoint), or null
     * @param backendType flannel's backend type (e.g. {@code vxlan}), or null
     */
    public record DiscoveredNode(String name, String internalIp, String podCidr, String vtepMac, String publicIp,
                                 String backendType) {
    }

    /** The labelled nodes, sorted by name so lab node {@code node-i} maps to the same real node on every run. */
    public static List<DiscoveredNode> labelled(KubernetesClient client) {
        return client.nodes().withLabel(LabManifests.NODE_LABEL, "true").list().getItems().stream()
                .map(NodeDiscovery::describe)
                .sorted(Comparator.comparing(DiscoveredNode::name)).toList();
    }

    /** One node's lab-relevant facts from its object. */
    /** Every node, sorted by name (a lab-built cluster such as k3s, where all nodes are the lab's). */
    public static List<DiscoveredNode> all(KubernetesClient client) {
        return client.nodes().list().getItems().stream().map(NodeDiscovery::describe)
                .sorted(Comparator.comparing(DiscoveredNode::name)).toList();
    }

    /** One node's lab-relevant facts from its object. */
    public static DiscoveredNode describe(Node node) {
        Map<String, String> annotations = node.getMetadata().getAnnotations() == null ? Map.of()
                : node.getMetadata().getAnnotations();
        String internalIp = node.getStatus() == null || node.getStatus().getAddresses() == null ? null
                : node.getStatus().getAddresses().stream().filter(a -> "InternalIP".equals(a.getType()))
                .map(NodeAddress::getAddress).findFirst().orElse(null);
        String podCidr = node.getSpec() == null ? null : node.getSpec().getPodCIDR();
        return new DiscoveredNode(node.getMetadata().getName(), internalIp, podCidr,
                vtepMac(annotations.get(BACKEND_DATA)), annotations.get(PUBLIC_IP), annotations.get(BACKEND_TYPE));
    }

    /** The {@code VtepMAC} field of flannel's backend-data JSON, or null when absent or unreadable. */
    public static String vtepMac(String backendData) {
        if (backendData == null || backendData.isBlank()) {
            return null;
        }
        try {
            JsonNode mac = new ObjectMapper().readTree(backendData).get("VtepMAC");
            return mac == null || mac.isNull() ? null : mac.asText();
        } catch (IOException e) {
            return null;
        }
    }
}

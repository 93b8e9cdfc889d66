package dev.faultlab.backend.k3s;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultlab.LabException;
import dev.faultlab.backend.NodeAgent;
import dev.faultlab.kubelab.NodeDiscovery;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * k3s runs flannel inside the k3s process, so it cannot be stopped on its own: signalling it would take the
 * kubelet and (on the server) the API server down too. Its leases are the flannel annotations on the node objects.
 */
final class EmbeddedFlannelAgent implements NodeAgent {
    private final String node;
    private final KubernetesClient client;

    EmbeddedFlannelAgent(String node, KubernetesClient client) {
        this.node = node;
        this.client = client;
    }

    @Override
    public String kind() {
        return "flanneld";
    }

    @Override
    public String node() {
        return node;
    }

    @Override
    public boolean isRunning() {
        return true;
    }

    @Override
    public void start() {
        // embedded in k3s: it runs as long as the node's k3s process does
    }

    @Override
    public void stop() {
        throw embedded();
    }

    @Override
    public void kill() {
        throw embedded();
    }

    @Override
    public void pause() {
        throw embedded();
    }

    @Override
    public void resume() {
        throw embedded();
    }

    @Override
    public String stateJson() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode state = json.createObjectNode().put("kind", kind()).put("running", true);
        ArrayNode leases = state.putArray("leases");
        client.nodes().list().getItems().stream().map(NodeDiscovery::describe).forEach(n -> leases.addObject()
                .put("node", n.name()).put("podCidr", n.podCidr()).put("vtepMac", n.vtepMac())
                .put("underlayIp", n.publicIp()));
        return state.toString();
    }

    private LabException embedded() {
        return new LabException("flannel runs inside the k3s process on the k3s backend and cannot be signalled"
                + " alone: run agent faults on the docker or netns backend");
    }
}

package dev.faultlab.backend.k3s;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultlab.backend.LabException;
import dev.faultlab.backend.NodeAgent;
import dev.faultlab.backend.container.ContainerNode;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A node agent that is a DaemonSet pod's process (kube-router): signalled by pid from the node container, which
 * sees its pods' processes; started again by deleting its pod so the DaemonSet makes a fresh one, as an operator
 * restarting it would.
 */
final class PodProcessAgent implements NodeAgent {
    private final String node;
    private final String process;
    private final ContainerNode container;
    private final KubernetesClient client;
    private final String namespace;
    private final Map<String, String> podLabels;

    PodProcessAgent(String node, String process, ContainerNode container, KubernetesClient client, String namespace,
                    Map<String, String> podLabels) {
        this.node = node;
        this.process = process;
        this.container = container;
        this.client = client;
        this.namespace = namespace;
        this.podLabels = podLabels;
    }

    @Override
    public String kind() {
        return process;
    }

    @Override
    public String node() {
        return node;
    }

    @Override
    public boolean isRunning() {
        return pid() != null;
    }

    @Override
    public void start() {
        if (!isRunning()) {
            client.pods().inNamespace(namespace).withLabels(podLabels).withField("spec.nodeName", node).delete();
        }
    }

    @Override
    public void stop() {
        signal("TERM");
    }

    @Override
    public void kill() {
        signal("KILL");
    }

    @Override
    public void pause() {
        signal("STOP");
    }

    @Override
    public void resume() {
        signal("CONT");
    }

    @Override
    public String stateJson() {
        return new ObjectMapper().createObjectNode().put("kind", process).put("running", isRunning()).toString();
    }

    private String pid() {
        var pidof = container.exec(List.of("pidof", process), Duration.ofSeconds(10));
        return pidof.ok() && !pidof.stdout().isBlank() ? pidof.stdout().strip().split("\\s+")[0] : null;
    }

    private void signal(String signal) {
        String pid = pid();
        if (pid == null) {
            throw new LabException(process + " is not running on " + node + ": start it first (agent start)");
        }
        container.exec(List.of("kill", "-s", signal, pid), Duration.ofSeconds(10)).orThrow();
    }
}

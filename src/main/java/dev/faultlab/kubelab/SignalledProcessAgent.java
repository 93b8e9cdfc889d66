package dev.faultlab.kubelab;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultlab.LabException;
import dev.faultlab.backend.NodeAgent;
import dev.faultlab.datapath.NodeShell;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A node agent that is a DaemonSet pod's process (flanneld, kube-router): signalled by pid from something that sees
 * the node's processes (a k3s node container, the hostPID faultlab agent); started again by deleting its pod so the
 * DaemonSet makes a fresh one, as an operator restarting it would.
 */
public final class SignalledProcessAgent implements NodeAgent {
    private final String node;
    private final String process;
    private final NodeShell shell;
    private final KubernetesClient client;
    private final String namespace;
    private final Map<String, String> podLabels;
    private final String realNode;

    /**
     * @param node      lab node name
     * @param process   the process name ({@code pidof} finds it)
     * @param shell     runs commands where the node's processes are visible
     * @param namespace namespace of the agent's DaemonSet
     * @param podLabels labels of the agent's pods
     * @param realNode  the Kubernetes node name (for finding its pod)
     */
    public SignalledProcessAgent(String node, String process, NodeShell shell, KubernetesClient client,
                                 String namespace, Map<String, String> podLabels, String realNode) {
        this.node = node;
        this.process = process;
        this.shell = shell;
        this.client = client;
        this.namespace = namespace;
        this.podLabels = Map.copyOf(podLabels);
        this.realNode = realNode;
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
            client.pods().inNamespace(namespace).withLabels(podLabels).withField("spec.nodeName", realNode).delete();
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
        var pidof = shell.exec(List.of("pidof", process), Duration.ofSeconds(10));
        return pidof.ok() && !pidof.stdout().isBlank() ? pidof.stdout().strip().split("\\s+")[0] : null;
    }

    private void signal(String signal) {
        String pid = pid();
        if (pid == null) {
            throw new LabException(process + " is not running on " + node + ": start its agent first");
        }
        shell.exec(List.of("kill", "-s", signal, pid), Duration.ofSeconds(10)).orThrow();
    }
}

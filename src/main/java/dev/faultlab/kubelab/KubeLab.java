package dev.faultlab.kubelab;

import dev.faultlab.LabException;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.ServiceSpec;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a lab creates on a Kubernetes cluster and removes again: its namespace, the agent DaemonSet, the workload
 * pods (pinned to the chosen nodes) and the services. Closing deletes them by the lab's label, then the namespace,
 * and waits until the namespace is gone; nothing outside the namespace is created.
 */
public final class KubeLab implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration DELETE_TIMEOUT = Duration.ofMinutes(2);

    private final KubernetesClient client;
    private final LabManifests manifests;
    private final Map<String, String> podNodes;
    private final Map<String, String> clientNodes = new LinkedHashMap<>();
    private boolean closed;

    private KubeLab(KubernetesClient client, LabManifests manifests, Map<String, String> podNodes) {
        this.client = client;
        this.manifests = manifests;
        this.podNodes = Map.copyOf(podNodes);
    }

    /**
     * Creates the lab's objects; on failure removes what was created and rethrows.
     *
     * @param nodes      the real node of each lab node, in order ({@code node-1} is the first)
     * @param podImage   image of the (idle) pod containers
     * @param withAgents whether to run the agent DaemonSet (not needed where nodes are containers to exec in)
     */
    public static KubeLab create(KubernetesClient client, LabManifests manifests, ClusterSpec spec,
                                 List<NodeDiscovery.DiscoveredNode> nodes, String podImage, boolean withAgents) {
        Map<String, String> podNodes = new LinkedHashMap<>();
        for (int i = 1; i <= spec.nodes(); i++) {
            for (int k = 0; k < spec.podsPerNode(); k++) {
                podNodes.put(ClusterSpec.podName(i, k), nodes.get(i - 1).name());
            }
        }
        KubeLab lab = new KubeLab(client, manifests, podNodes);
        try {
            client.resource(manifests.labNamespace()).create();
            if (withAgents) {
                client.resource(manifests.agentDaemonSet()).create();
            }
            podNodes.forEach((pod, node) -> client.resource(manifests.workloadPod(pod, node, podImage,
                    spec.services())).create());
            for (ServiceSpec service : spec.services()) {
                client.resource(manifests.service(service)).create();
            }
            return lab;
        } catch (KubernetesClientException e) {
            lab.close();
            throw new LabException("cannot create lab objects in namespace " + manifests.namespace() + ": "
                    + e.getMessage() + " (check the kubeconfig user's RBAC rights)", e);
        }
    }

    public LabManifests manifests() {
        return manifests;
    }

    public String namespace() {
        return manifests.namespace();
    }

    /** The real node name of each lab pod. */
    public Map<String, String> podNodes() {
        return podNodes;
    }

    /**
     * Creates a scenario client's pod (see {@link LabManifests#clientPod}) pinned to real node {@code node}; a
     * failure is one line, and the caller closes the lab.
     */
    public void addClient(String name, String node, String image) {
        try {
            client.resource(manifests.clientPod(name, node, image)).create();
            clientNodes.put(name, node);
        } catch (KubernetesClientException e) {
            throw new LabException("cannot create client pod " + name + " in namespace " + manifests.namespace()
                    + ": " + e.getMessage() + " (check the kubeconfig user's RBAC rights)", e);
        }
    }

    /** The real node name of each client pod, in the order they were added. */
    public Map<String, String> clientNodes() {
        return Collections.unmodifiableMap(clientNodes);
    }

    /** Waits until every lab pod and client pod runs. */
    public void awaitPods() {
        podNodes.keySet().forEach(this::waitRunning);
        clientNodes.keySet().forEach(this::waitRunning);
    }

    /** Waits until one agent pod runs on each of {@code nodes}; returns the agent pod per node. */
    public Map<String, Pod> awaitAgents(List<String> nodes) {
        Map<String, Pod> agents = new LinkedHashMap<>();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (agents.size() < nodes.size()) {
            agents.clear();
            client.pods().inNamespace(namespace()).withLabel(LabManifests.ROLE_LABEL, "agent").list().getItems()
                    .stream().filter(p -> "Running".equals(p.getStatus() == null ? null : p.getStatus().getPhase()))
                    .forEach(p -> agents.put(p.getSpec().getNodeName(), p));
            agents.keySet().retainAll(nodes);
            if (agents.size() < nodes.size()) {
                if (System.nanoTime() > deadline) {
                    throw new LabException("agent DaemonSet in " + namespace() + " not running on every node after "
                            + READY_TIMEOUT.toMinutes() + " min: check 'kubectl -n " + namespace()
                            + " describe ds " + LabManifests.AGENT + "' (is the agent image available to the nodes?)");
                }
                sleep();
            }
        }
        return agents;
    }

    private void waitRunning(String pod) {
        try {
            client.pods().inNamespace(namespace()).withName(pod).waitUntilCondition(
                    p -> p != null && p.getStatus() != null && "Running".equals(p.getStatus().getPhase()),
                    READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (KubernetesClientException e) {
            throw new LabException("pod " + pod + " in " + namespace() + " not running: check 'kubectl -n "
                    + namespace() + " describe pod " + pod + "'", e);
        }
    }

    /** Deletes everything the lab made and waits until its namespace is gone. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        String labId = manifests.labId();
        client.services().inNamespace(namespace()).withLabel(LabManifests.LAB_ID_LABEL, labId).delete();
        client.pods().inNamespace(namespace()).withLabel(LabManifests.LAB_ID_LABEL, labId).delete();
        client.apps().daemonSets().inNamespace(namespace()).withLabel(LabManifests.LAB_ID_LABEL, labId).delete();
        client.namespaces().withName(namespace()).delete();
        client.namespaces().withName(namespace()).waitUntilCondition(ns -> ns == null,
                DELETE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while waiting for the lab's pods");
        }
    }
}

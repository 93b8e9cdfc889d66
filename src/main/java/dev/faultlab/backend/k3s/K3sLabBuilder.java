package dev.faultlab.backend.k3s;

import dev.faultlab.backend.BackendSettings;
import dev.faultlab.backend.Cluster;
import dev.faultlab.LabException;
import dev.faultlab.backend.NodeAgent;
import dev.faultlab.container.ContainerNode;
import dev.faultlab.container.LabBringUp;
import dev.faultlab.datapath.DatapathDefinition;
import dev.faultlab.kubelab.KubeLab;
import dev.faultlab.kubelab.LabManifests;
import dev.faultlab.kubelab.NodeDiscovery;
import dev.faultlab.topology.ClientInfo;
import dev.faultlab.topology.ClusterLayout;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.NodeInfo;
import dev.faultlab.topology.PodInfo;
import dev.faultlab.topology.ServiceInfo;
import dev.faultlab.topology.ServiceSpec;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Brings a k3s lab up: the underlay network, a {@link K3sContainer} server ({@code node-1}) and k3s agent containers
 * joined to it, the gateway and clients; images imported from the local Docker; the datapath finished; then the lab
 * namespace with its pods and services. Node commands run in the node containers; pod commands run in the pod
 * sandbox's network namespace (its pid from {@code crictl inspectp}) via nsenter in the node container.
 */
final class K3sLabBuilder {
    private static final Duration NODES_READY = Duration.ofMinutes(4);

    private K3sLabBuilder() {
    }

    static Cluster build(ClusterSpec spec, BackendSettings settings, String k3sImage, String nodeImage) {
        K3sDatapath datapath = K3sDatapaths.of(spec.datapath());
        LabBringUp lab = LabBringUp.begin();
        try {
            return bringUp(lab, spec, settings, datapath, k3sImage, nodeImage);
        } catch (RuntimeException e) {
            lab.abort();
            throw e;
        }
    }

    private static Cluster bringUp(LabBringUp lab, ClusterSpec spec, BackendSettings settings, K3sDatapath datapath,
                                   String k3sImage, String nodeImage) {
        List<String> nodeIps = new ArrayList<>();
        for (int i = 1; i <= spec.nodes(); i++) {
            nodeIps.add(lab.underlay().address(ClusterSpec.nodeHost(i)));
        }
        K3sPlan plan = new K3sPlan(spec, datapath, HexFormat.of().formatHex(new SecureRandom().generateSeed(16)),
                nodeIps, nodeImage, settings);
        List<ClientInfo> clients = lab.clients(spec);
        Map<String, GenericContainer<?>> defined = new LinkedHashMap<>(lab.defineGatewayAndClients(nodeImage,
                clients));
        K3sContainer server = new K3sContainer(DockerImageName.parse(k3sImage).asCompatibleSubstituteFor("rancher/k3s"));
        server.withCommand(plan.serverCommand().toArray(String[]::new)).withEnv(plan.serverEnv());
        defined.put(ClusterSpec.nodeName(1), lab.containers().place(server, ClusterSpec.nodeName(1), nodeIps.get(0)));
        Map<String, ContainerNode> started = new LinkedHashMap<>(lab.startAll(defined));

        Map<String, GenericContainer<?>> agents = new LinkedHashMap<>();
        for (int i = 2; i <= spec.nodes(); i++) {
            agents.put(ClusterSpec.nodeName(i), lab.containers().place(agentContainer(k3sImage, plan, i),
                    ClusterSpec.nodeName(i), nodeIps.get(i - 1)));
        }
        started.putAll(lab.startAll(agents));
        List<String> routed = new ArrayList<>(started.keySet().stream().filter(h -> h.startsWith("node-")).toList());
        clients.forEach(c -> routed.add(c.name()));
        lab.routeThroughGateway(routed);

        KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(server.getKubeConfigYaml())).build();
        lab.closeWithLab(client);
        List<ContainerNode> nodeContainers = started.entrySet().stream()
                .filter(e -> e.getKey().startsWith("node-")).map(Map.Entry::getValue).toList();
        awaitNodes(client, spec.nodes(), K3sLabBuilder::registered, "registered with a podCIDR");
        ImageImport.into(DockerClientFactory.instance().client(), plan.images(), nodeContainers);

        List<NodeDiscovery.DiscoveredNode> discovered = NodeDiscovery.all(client);
        List<NodeInfo> nodes = discovered.stream().map(n -> new NodeInfo(n.name(), n.internalIp(), n.podCidr(),
                DatapathDefinition.of(spec.datapath()).tunnelDevice().orElse(null))).toList();
        Map<String, ContainerNode> byNode = new LinkedHashMap<>();
        nodes.forEach(n -> byNode.put(n.name(), started.get(n.name())));
        Function<String, NodeAgent> nodeAgents = datapath.configure(new K3sNodes(nodes, byNode, client, settings));
        awaitNodes(client, spec.nodes(), K3sLabBuilder::ready, "Ready");

        LabManifests manifests = new LabManifests(lab.labId(), nodeImage);
        KubeLab kube = KubeLab.create(client, manifests, spec, discovered, nodeImage, false);
        kube.awaitPods();
        List<PodInfo> pods = new ArrayList<>();
        kube.podNodes().forEach((pod, node) -> {
            Pod object = client.pods().inNamespace(kube.namespace()).withName(pod).get();
            pods.add(new PodInfo(pod, node, object.getStatus().getPodIP()));
            lab.addHost(pod, PodSandbox.target(byNode.get(node), kube.namespace(), pod));
        });
        List<ServiceInfo> services = spec.services().stream().map(s -> serviceInfo(client, kube.namespace(), s))
                .toList();
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("k3s", k3sImage + ", lab namespace " + kube.namespace());
        return lab.finish(new ClusterLayout(lab.labId(), "k3s", spec.datapath(), nodes, pods, clients, services,
                notes), nodeAgents);
    }

    /** A k3s agent container, set up the way {@link K3sContainer} sets up the server. */
    private static GenericContainer<?> agentContainer(String image, K3sPlan plan, int index) {
        GenericContainer<?> agent = new GenericContainer<>(DockerImageName.parse(image));
        agent.withPrivilegedMode(true)
                .withFileSystemBind("/sys/fs/cgroup", "/sys/fs/cgroup", BindMode.READ_WRITE)
                .withTmpFs(Map.of("/run", "", "/var/run", ""))
                .withCommand(plan.agentCommand(index).toArray(String[]::new))
                .withEnv(plan.agentEnv());
        return agent;
    }

    /**
     * Waits until {@code count} nodes satisfy {@code condition}. Nodes register (with a podCIDR) before they are
     * Ready; with flannel off they become Ready only once the datapath wrote their CNI config.
     */
    private static void awaitNodes(KubernetesClient client, int count, Predicate<Node> condition,
                                   String what) {
        long deadline = System.nanoTime() + NODES_READY.toNanos();
        while (countNodes(client, condition) < count) {
            if (System.nanoTime() > deadline) {
                throw new LabException("k3s nodes not " + what + " after " + NODES_READY.toMinutes() + " min ("
                        + countNodes(client, condition) + " of " + count + "): see 'docker logs' of the lab's node"
                        + " containers");
            }
            try {
                TimeUnit.SECONDS.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted while waiting for k3s nodes", e);
            }
        }
    }

    private static long countNodes(KubernetesClient client, Predicate<Node> condition) {
        return client.nodes().list().getItems().stream().filter(condition).count();
    }

    private static boolean registered(Node node) {
        return node.getSpec() != null && node.getSpec().getPodCIDR() != null;
    }

    private static boolean ready(Node node) {
        return node.getStatus() != null && node.getStatus().getConditions() != null && node.getStatus()
                .getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static ServiceInfo serviceInfo(KubernetesClient client, String namespace, ServiceSpec spec) {
        String clusterIp = client.services().inNamespace(namespace).withName(spec.name()).get().getSpec()
                .getClusterIP();
        return new ServiceInfo(spec.name(), clusterIp, spec.port(), spec.nodePort(), spec.protocol(), spec.policy(),
                spec.endpoints(), spec.targetPort());
    }
}

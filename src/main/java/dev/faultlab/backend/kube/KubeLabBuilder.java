package dev.faultlab.backend.kube;

import dev.faultlab.kubelab.KubeLab;
import dev.faultlab.kubelab.LabManifests;
import dev.faultlab.kubelab.NodeDiscovery;
import dev.faultlab.kubelab.SignalledProcessAgent;
import dev.faultlab.LabException;
import dev.faultlab.backend.NodeAgent;
import dev.faultlab.datapath.DatapathDefinition;
import dev.faultlab.topology.ClientInfo;
import dev.faultlab.topology.ClusterLayout;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.NodeInfo;
import dev.faultlab.topology.PodInfo;
import dev.faultlab.topology.ServiceInfo;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds a lab on an existing cluster: refuses unless enough nodes are labelled and their CNI is the scenario's
 * datapath, creates the lab's objects and a pod per client ({@link ClientPlacement}), waits for them, and describes
 * the result in the lab's terms ({@code node-i} = the i-th labelled node by name, with flannel's VTEP MAC in the
 * notes). A failure removes what was created.
 */
final class KubeLabBuilder {
    private static final String FLANNEL_NAMESPACE = "kube-flannel";
    private static final Map<String, String> FLANNEL_LABELS = Map.of("app", "flannel");

    private KubeLabBuilder() {
    }

    static KubeCluster build(KubernetesClient client, ClusterSpec spec, String agentImage) {
        return build(client, spec, agentImage, "fl" + HexFormat.of().formatHex(new SecureRandom().generateSeed(3)),
                KubeLabBuilder::podPid);
    }

    /** Finds the pid whose network namespace is a pod's, from the agent pod on the pod's node. */
    @FunctionalInterface
    interface PodPids {
        String of(AgentPod agent, String pod, String ip);
    }

    static KubeCluster build(KubernetesClient client, ClusterSpec spec, String agentImage, String labId,
                             PodPids podPids) {
        Created created = create(client, spec, agentImage, labId);
        try {
            return describe(client, spec, created, podPids);
        } catch (RuntimeException e) {
            created.lab().close();
            throw e;
        }
    }

    /**
     * What {@link #create} made: the lab's objects, the real nodes playing {@code node-1..N}, and where each of the
     * scenario's clients runs.
     */
    record Created(KubeLab lab, List<NodeDiscovery.DiscoveredNode> real, List<ClientPlacement> clients) {
    }

    /**
     * Checks the cluster (enough labelled nodes, the scenario's datapath is the cluster's CNI) before anything is
     * created, then creates the lab's objects and one pod per client; a failure removes what was created.
     */
    static Created create(KubernetesClient client, ClusterSpec spec, String agentImage, String labId) {
        List<NodeDiscovery.DiscoveredNode> labelled = NodeDiscovery.labelled(client);
        List<NodeDiscovery.DiscoveredNode> real = LabGuard.require(labelled, spec.nodes());
        CniCheck.require(client, real, spec.datapath());
        List<ClientPlacement> clients = ClientPlacement.plan(spec.clients(), labelled, spec.nodes());
        KubeLab lab = KubeLab.create(client, new LabManifests(labId, agentImage), spec, real, agentImage, true);
        try {
            clients.forEach(c -> lab.addClient(c.client(), c.node(), agentImage));
            return new Created(lab, real, clients);
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    private static KubeCluster describe(KubernetesClient client, ClusterSpec spec, Created created,
                                        PodPids podPids) {
        KubeLab lab = created.lab();
        List<NodeDiscovery.DiscoveredNode> real = created.real();
        lab.awaitPods();
        List<String> agentNodes = new ArrayList<>(real.stream().map(NodeDiscovery.DiscoveredNode::name).toList());
        created.clients().stream().map(ClientPlacement::node).filter(n -> !agentNodes.contains(n))
                .forEach(agentNodes::add);
        Map<String, AgentPod> agentOnReal = new LinkedHashMap<>();
        lab.awaitAgents(agentNodes).forEach((realNode, pod) -> agentOnReal.put(realNode,
                new AgentPod(client, lab.namespace(), pod.getMetadata().getName(), realNode)));
        Map<String, AgentPod> agentOfHost = new LinkedHashMap<>();
        Map<String, List<String>> prefixOfHost = new LinkedHashMap<>();
        Map<String, String> labNodeOfReal = new LinkedHashMap<>();
        Map<String, String> notes = new LinkedHashMap<>();
        List<NodeInfo> nodes = new ArrayList<>();
        String tunnelDevice = DatapathDefinition.of(spec.datapath()).tunnelDevice().orElse(null);
        for (int i = 0; i < real.size(); i++) {
            NodeDiscovery.DiscoveredNode node = real.get(i);
            String name = ClusterSpec.nodeName(i + 1);
            labNodeOfReal.put(node.name(), name);
            // the CNI check made sure the cluster runs the scenario's datapath, so its device is the cluster's
            nodes.add(new NodeInfo(name, node.internalIp(), node.podCidr(), tunnelDevice));
            agentOfHost.put(name, agentOnReal.get(node.name()));
            prefixOfHost.put(name, List.of());
            notes.put(name, node.name() + (node.vtepMac() == null ? "" : ", flannel VtepMAC " + node.vtepMac()
                    + " public-ip " + node.publicIp()));
        }
        List<PodInfo> pods = new ArrayList<>();
        lab.podNodes().forEach((pod, realNode) -> {
            String ip = podIp(client, lab, pod);
            pods.add(new PodInfo(pod, labNodeOfReal.get(realNode), ip));
            enterPod(agentOnReal.get(realNode), pod, podPids.of(agentOnReal.get(realNode), pod, ip), agentOfHost,
                    prefixOfHost);
        });
        List<ClientInfo> clients = new ArrayList<>();
        for (ClientPlacement placement : created.clients()) {
            String ip = podIp(client, lab, placement.client());
            clients.add(new ClientInfo(placement.client(), ip));
            AgentPod agent = agentOnReal.get(placement.node());
            enterPod(agent, placement.client(), podPids.of(agent, placement.client(), ip), agentOfHost, prefixOfHost);
            notes.put(placement.client(), "client pod on " + placement.node() + (placement.spare()
                    ? " (a labelled node the scenario does not use)" : " (the scenario's last node: no spare labelled"
                    + " node left)"));
        }
        List<ServiceInfo> services = spec.services().stream().map(s -> new ServiceInfo(s.name(),
                client.services().inNamespace(lab.namespace()).withName(s.name()).get().getSpec().getClusterIP(),
                s.port(), s.nodePort(), s.protocol(), s.policy(), s.endpoints(), s.targetPort())).toList();
        notes.put("namespace", lab.namespace());
        ClusterLayout layout = new ClusterLayout(lab.manifests().labId(), "kubeconfig", spec.datapath(), nodes, pods,
                clients, services, notes);
        Function<String, NodeAgent> agents = node -> new SignalledProcessAgent(node, "flanneld",
                agentOfHost.get(node)::exec, client, FLANNEL_NAMESPACE, FLANNEL_LABELS, real.get(
                        Integer.parseInt(node.substring("node-".length())) - 1).name());
        return new KubeCluster(layout, client, lab, agentOfHost, prefixOfHost, agents);
    }

    private static String podIp(KubernetesClient client, KubeLab lab, String pod) {
        return client.pods().inNamespace(lab.namespace()).withName(pod).get().getStatus().getPodIP();
    }

    /** A pod's (or client pod's) commands run in its node's agent pod, entered into the pod's network namespace. */
    private static void enterPod(AgentPod agent, String pod, String pid, Map<String, AgentPod> agentOfHost,
                                 Map<String, List<String>> prefixOfHost) {
        agentOfHost.put(pod, agent);
        prefixOfHost.put(pod, List.of("nsenter", "--net=/proc/" + pid + "/ns/net"));
    }

    private static String podPid(AgentPod agent, String pod, String ip) {
        var found = agent.exec(List.of("faultlab-netns-pid", ip), Duration.ofSeconds(60));
        if (!found.ok()) {
            throw new LabException("cannot find the network namespace of pod " + pod + " (" + ip + ") on "
                    + agent.node() + ": " + found.stderr().strip());
        }
        return found.stdout().strip();
    }
}

package dev.faultlab.backend.kube;

import dev.faultlab.kubelab.KubeLab;
import dev.faultlab.kubelab.LabManifests;
import dev.faultlab.kubelab.NodeDiscovery;
import dev.faultlab.kubelab.SignalledProcessAgent;
import dev.faultlab.LabException;
import dev.faultlab.backend.NodeAgent;
import dev.faultlab.topology.ClusterLayout;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.NodeInfo;
import dev.faultlab.topology.PodInfo;
import dev.faultlab.topology.ServiceInfo;
import io.fabric8.kubernetes.api.model.Pod;
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
 * Builds a lab on an existing cluster: refuses unless enough nodes are labelled, creates the lab's objects, waits
 * for them, and describes the result in the lab's terms ({@code node-i} = the i-th labelled node by name, with
 * flannel's VTEP MAC in the notes). A failure removes what was created.
 */
final class KubeLabBuilder {
    private static final String FLANNEL_NAMESPACE = "kube-flannel";
    private static final Map<String, String> FLANNEL_LABELS = Map.of("app", "flannel");

    private KubeLabBuilder() {
    }

    static KubeCluster build(KubernetesClient client, ClusterSpec spec, String agentImage) {
        List<NodeDiscovery.DiscoveredNode> real = LabGuard.require(NodeDiscovery.labelled(client), spec.nodes());
        String labId = "fl" + HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
        LabManifests manifests = new LabManifests(labId, agentImage);
        KubeLab lab = KubeLab.create(client, manifests, spec, real, agentImage, true);
        try {
            return describe(client, spec, real, lab);
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    private static KubeCluster describe(KubernetesClient client, ClusterSpec spec,
                                        List<NodeDiscovery.DiscoveredNode> real, KubeLab lab) {
        lab.awaitPods();
        Map<String, Pod> agentPods = lab.awaitAgents(real.stream().map(NodeDiscovery.DiscoveredNode::name).toList());
        Map<String, AgentPod> agentOfHost = new LinkedHashMap<>();
        Map<String, List<String>> prefixOfHost = new LinkedHashMap<>();
        Map<String, String> labNodeOfReal = new LinkedHashMap<>();
        Map<String, String> notes = new LinkedHashMap<>();
        List<NodeInfo> nodes = new ArrayList<>();
        for (int i = 0; i < real.size(); i++) {
            NodeDiscovery.DiscoveredNode node = real.get(i);
            String name = ClusterSpec.nodeName(i + 1);
            labNodeOfReal.put(node.name(), name);
            nodes.add(new NodeInfo(name, node.internalIp(), node.podCidr(), "vxlan".equals(node.backendType())
                    ? "flannel.1" : null));
            agentOfHost.put(name, new AgentPod(client, lab.namespace(),
                    agentPods.get(node.name()).getMetadata().getName(), node.name()));
            prefixOfHost.put(name, List.of());
            notes.put(name, node.name() + (node.vtepMac() == null ? "" : ", flannel VtepMAC " + node.vtepMac()
                    + " public-ip " + node.publicIp()));
        }
        List<PodInfo> pods = new ArrayList<>();
        lab.podNodes().forEach((pod, realNode) -> {
            String ip = client.pods().inNamespace(lab.namespace()).withName(pod).get().getStatus().getPodIP();
            String labNode = labNodeOfReal.get(realNode);
            pods.add(new PodInfo(pod, labNode, ip));
            AgentPod agent = agentOfHost.get(labNode);
            agentOfHost.put(pod, agent);
            prefixOfHost.put(pod, List.of("nsenter", "--net=/proc/" + podPid(agent, pod, ip) + "/ns/net"));
        });
        List<ServiceInfo> services = spec.services().stream().map(s -> new ServiceInfo(s.name(),
                client.services().inNamespace(lab.namespace()).withName(s.name()).get().getSpec().getClusterIP(),
                s.port(), s.nodePort(), s.protocol(), s.policy(), s.endpoints(), s.targetPort())).toList();
        notes.put("namespace", lab.namespace());
        ClusterLayout layout = new ClusterLayout(lab.manifests().labId(), "kubeconfig", spec.datapath(), nodes, pods,
                List.of(), services, notes);
        Function<String, NodeAgent> agents = node -> new SignalledProcessAgent(node, "flanneld",
                agentOfHost.get(node)::exec, client, FLANNEL_NAMESPACE, FLANNEL_LABELS, real.get(
                        Integer.parseInt(node.substring("node-".length())) - 1).name());
        return new KubeCluster(layout, client, lab, agentOfHost, prefixOfHost, agents);
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

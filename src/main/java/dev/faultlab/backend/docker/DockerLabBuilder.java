package dev.faultlab.backend.docker;

import dev.faultlab.backend.Cluster;
import dev.faultlab.backend.NodeAgent;
import dev.faultlab.container.ContainerNode;
import dev.faultlab.container.HostTarget;
import dev.faultlab.container.LabBringUp;
import dev.faultlab.container.LabContainers;
import dev.faultlab.datapath.KubeProxyRules;
import dev.faultlab.datapath.ClusterServices;
import dev.faultlab.datapath.DatapathDefinition;
import dev.faultlab.datapath.PodNetwork;
import dev.faultlab.topology.ClientInfo;
import dev.faultlab.topology.ClusterLayout;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.Datapath;
import dev.faultlab.topology.NodeInfo;
import dev.faultlab.topology.PodInfo;
import dev.faultlab.topology.ServiceInfo;
import org.testcontainers.containers.GenericContainer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Brings a docker lab up: underlay network, gateway, node and client containers (started in parallel), the bridge
 * CNI and pods in every node, the datapath and its agents ({@link DockerDatapath}), then kube-proxy's rules. A failure at any step removes everything
 * made so far before the exception leaves.
 */
final class DockerLabBuilder {
    private static final String UNDERLAY_DEVICE = "eth0";
    /** Bridged pod traffic passes iptables, as on a Kubernetes node (kube-proxy needs it for hairpin and SNAT). */
    private static final String BRIDGE_NETFILTER = "net.bridge.bridge-nf-call-iptables=1";
    private static final String KUBE_PROXY_RULES = "/var/lib/faultlab/kube-proxy.rules";

    private DockerLabBuilder() {
    }

    static Cluster build(ClusterSpec spec, String image) {
        DockerDatapath datapath = DockerDatapath.of(spec.datapath());
        LabBringUp lab = LabBringUp.begin();
        try {
            return bringUp(lab, spec, image, datapath);
        } catch (RuntimeException e) {
            lab.abort();
            throw e;
        }
    }

    private static Cluster bringUp(LabBringUp lab, ClusterSpec spec, String image, DockerDatapath datapath) {
        DatapathDefinition definition = DatapathDefinition.of(spec.datapath());
        int podMtu = definition.podMtu();
        List<NodeInfo> nodes = new ArrayList<>();
        List<PodInfo> pods = new ArrayList<>();
        for (int i = 1; i <= spec.nodes(); i++) {
            nodes.add(new NodeInfo(ClusterSpec.nodeName(i), lab.underlay().address(ClusterSpec.nodeHost(i)),
                    "10.244." + i + ".0/24", definition.tunnelDevice().orElse(null)));
            for (int k = 0; k < spec.podsPerNode(); k++) {
                pods.add(new PodInfo(ClusterSpec.podName(i, k), ClusterSpec.nodeName(i),
                        "10.244." + i + "." + (2 + k)));
            }
        }
        List<ServiceInfo> services = ClusterServices.assign(spec, pods.stream().map(PodInfo::name)
                .collect(Collectors.toSet()));
        List<ClientInfo> clients = lab.clients(spec);
        Map<String, GenericContainer<?>> defined = new LinkedHashMap<>(lab.defineGatewayAndClients(image, clients));
        nodes.forEach(n -> defined.put(n.name(), lab.containers().define(image, n.name(), n.underlayIp(),
                LabContainers.NODE_SYSCTLS)));
        Map<String, ContainerNode> started = lab.startAll(defined);
        LabBringUp.inParallel(List.copyOf(started.values()), LabContainers::makeSysctlsWritable);

        lab.routeThroughGateway(clients.stream().map(ClientInfo::name).toList());
        LabBringUp.inParallel(nodes, node -> started.get(node.name()).batchingShell()
                .runAll(nodePlan(node, pods, podMtu, lab.underlay().gateway())));
        pods.forEach(pod -> lab.addHost(pod.name(), HostTarget.ipNetns(started.get(pod.node()), pod.name())));
        Function<String, NodeAgent> agents = datapath.start(spec, nodes, started, UNDERLAY_DEVICE,
                lab::closeWithLab);
        programServices(services, pods, nodes, started);

        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("underlay", lab.underlay().prefix() + "0/24 (docker network " + lab.underlay().name() + ")");
        notes.putAll(definition.standInNotes());
        notes.putAll(datapath.notes(spec));
        return lab.finish(new ClusterLayout(lab.labId(), "docker", spec.datapath(), nodes, pods, clients,
                services, notes), agents);
    }

    /** A node's own setup in one plan: default route, bridge netfilter, offloads, cni0 and its pods. */
    private static List<List<String>> nodePlan(NodeInfo node, List<PodInfo> pods, int podMtu, String gateway) {
        String podGateway = node.podCidr().replace(".0/24", ".1");
        List<List<String>> plan = new ArrayList<>();
        plan.add(List.of("ip", "route", "replace", "default", "via", gateway));
        plan.add(List.of("sysctl", "-w", BRIDGE_NETFILTER));
        plan.add(PodNetwork.noOffloads(UNDERLAY_DEVICE));
        plan.addAll(PodNetwork.bridge(podGateway));
        pods.stream().filter(p -> p.node().equals(node.name()))
                .forEach(pod -> plan.addAll(PodNetwork.pod(pod, podGateway, podMtu)));
        return plan;
    }

    /** kube-proxy's iptables rules (the netns backend's, byte for byte) on every node, one iptables-restore each. */
    private static void programServices(List<ServiceInfo> services, List<PodInfo> pods, List<NodeInfo> nodes,
                                        Map<String, ContainerNode> containers) {
        if (services.isEmpty()) {
            return;
        }
        Map<String, String> podIps = pods.stream().collect(Collectors.toMap(PodInfo::name, PodInfo::ip));
        Map<String, String> podNodes = pods.stream().collect(Collectors.toMap(PodInfo::name, PodInfo::node));
        LabBringUp.inParallel(nodes, node -> {
            ContainerNode container = containers.get(node.name());
            container.write(KUBE_PROXY_RULES, KubeProxyRules.forNode(services, podIps, podNodes::get, node.name(),
                    ClusterServices.CLUSTER_CIDR));
            container.run("iptables-restore", "-w", "5", KUBE_PROXY_RULES);
        });
    }
}

package dev.faultlab.backend.kube;

import dev.faultlab.kubelab.KubeLab;
import dev.faultlab.kubelab.NodeDiscovery;
import dev.faultlab.kubelab.LabManifests;

import dev.faultlab.LabException;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.Datapath;
import dev.faultlab.topology.ExternalTrafficPolicy;
import dev.faultlab.topology.ServiceSpec;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Kubernetes side of the kubeconfig (and k3s) backend against fabric8's mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
class KubeLabTest {
    static KubernetesClient client;
    private final LabManifests manifests = new LabManifests("flabc123", "faultlab/agent:1");

    @BeforeEach
    void nodes() {
        client.nodes().delete();
        client.resource(node("worker-b", "10.0.0.12", "10.42.2.0/24", "66:77:88:99:aa:bb", true)).create();
        client.resource(node("worker-a", "10.0.0.11", "10.42.1.0/24", "0a:1b:2c:3d:4e:5f", true)).create();
        client.resource(node("control", "10.0.0.10", "10.42.0.0/24", "de:ad:be:ef:00:01", false)).create();
    }

    @Test
    void agentDaemonSetIsPrivilegedInTheNodesNetworkAndPidNamespacesOnLabelledNodesOnly() {
        DaemonSet ds = manifests.agentDaemonSet();
        PodSpec pod = ds.getSpec().getTemplate().getSpec();
        assertThat(pod.getHostNetwork()).isTrue();
        assertThat(pod.getHostPID()).isTrue();
        assertThat(pod.getContainers().get(0).getSecurityContext().getPrivileged()).isTrue();
        assertThat(pod.getNodeSelector()).containsEntry("faultlab.dev/lab", "true");
        assertThat(ds.getMetadata().getNamespace()).isEqualTo("faultlab-flabc123");
        assertThat(ds.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(ds.getSpec().getSelector().getMatchLabels());
    }

    @Test
    void nodePortServicesCarryTheirExternalTrafficPolicyAndSelectOnlyTheirEndpoints() {
        ServiceSpec local = ServiceSpec.clusterIp("web", "tcp", 80, 8080, List.of("pod-2-a"))
                .withNodePort(30080, ExternalTrafficPolicy.LOCAL);
        Service svc = manifests.service(local);
        assertThat(svc.getSpec().getType()).isEqualTo("NodePort");
        assertThat(svc.getSpec().getExternalTrafficPolicy()).isEqualTo("Local");
        assertThat(svc.getSpec().getPorts().get(0).getNodePort()).isEqualTo(30080);
        assertThat(svc.getSpec().getPorts().get(0).getTargetPort().getIntVal()).isEqualTo(8080);

        Pod endpoint = manifests.workloadPod("pod-2-a", "worker-b", "img", List.of(local));
        Pod other = manifests.workloadPod("pod-1-a", "worker-a", "img", List.of(local));
        assertThat(endpoint.getMetadata().getLabels()).containsAllEntriesOf(svc.getSpec().getSelector());
        assertThat(other.getMetadata().getLabels()).doesNotContainKeys(svc.getSpec().getSelector().keySet()
                .stream().filter(k -> k.startsWith("faultlab.dev/svc-")).toArray(String[]::new));
        assertThat(endpoint.getSpec().getNodeName()).isEqualTo("worker-b");

        Service cluster = manifests.service(local.withNodePort(30081, ExternalTrafficPolicy.CLUSTER));
        assertThat(cluster.getSpec().getExternalTrafficPolicy()).isEqualTo("Cluster");
        Service clusterIpOnly = manifests.service(ServiceSpec.clusterIp("dns", "udp", 53, 53, List.of("pod-1-a")));
        assertThat(clusterIpOnly.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(clusterIpOnly.getSpec().getExternalTrafficPolicy()).isNull();
        assertThat(clusterIpOnly.getSpec().getPorts().get(0).getProtocol()).isEqualTo("UDP");
    }

    @Test
    void discoversLabelledNodesWithInternalIpPodCidrAndFlannelVtepMac() {
        List<NodeDiscovery.DiscoveredNode> nodes = NodeDiscovery.labelled(client);
        assertThat(nodes).extracting(NodeDiscovery.DiscoveredNode::name).containsExactly("worker-a", "worker-b");
        NodeDiscovery.DiscoveredNode a = nodes.get(0);
        assertThat(a.internalIp()).isEqualTo("10.0.0.11");
        assertThat(a.podCidr()).isEqualTo("10.42.1.0/24");
        assertThat(a.vtepMac()).isEqualTo("0a:1b:2c:3d:4e:5f");
        assertThat(a.publicIp()).isEqualTo("10.0.0.11");
        assertThat(a.backendType()).isEqualTo("vxlan");
    }

    @Test
    void vtepMacIsAbsentWhenFlannelDidNotAnnotateTheNode() {
        assertThat(NodeDiscovery.vtepMac(null)).isNull();
        assertThat(NodeDiscovery.vtepMac("not json")).isNull();
        assertThat(NodeDiscovery.vtepMac("{\"VNI\":1}")).isNull();
    }

    @Test
    void refusesAClusterWithTooFewLabelledNodes() {
        List<NodeDiscovery.DiscoveredNode> labelled = NodeDiscovery.labelled(client);
        assertThat(LabGuard.require(labelled, 2)).hasSize(2);
        assertThatThrownBy(() -> LabGuard.require(labelled, 3))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("2 node(s) labelled faultlab.dev/lab=true")
                .hasMessageContaining("kubectl label node NODE faultlab.dev/lab=true");
        client.nodes().delete();
        assertThatThrownBy(() -> LabGuard.require(NodeDiscovery.labelled(client), 1))
                .hasMessageContaining("0 node(s)");
    }

    @Test
    void theBackendRefusesAClusterWithoutEnoughLabelledNodesAndCreatesNothing() {
        assertThatThrownBy(() -> KubeLabBuilder.build(client, ClusterSpec.of(3, 1, Datapath.FLANNEL_VXLAN),
                "faultlab/agent:1")).isInstanceOf(LabException.class).hasMessageContaining("the scenario needs 3");
        assertThat(client.namespaces().list().getItems()).noneMatch(ns -> ns.getMetadata().getName()
                .startsWith("faultlab-"));
        assertThat(client.pods().inAnyNamespace().list().getItems()).isEmpty();
    }

    @Test
    void createsTheLabInItsOwnNamespaceAndCloseRemovesEverything() {
        ClusterSpec spec = ClusterSpec.of(2, 2, Datapath.FLANNEL_VXLAN)
                .withService(ServiceSpec.clusterIp("web", "tcp", 80, 8080, List.of("pod-2-a"))
                        .withNodePort(30080, ExternalTrafficPolicy.CLUSTER));
        List<NodeDiscovery.DiscoveredNode> nodes = LabGuard.require(NodeDiscovery.labelled(client), 2);
        KubeLab lab = KubeLab.create(client, manifests, spec, nodes, "faultlab/agent:1", true);

        String ns = "faultlab-flabc123";
        assertThat(client.namespaces().withName(ns).get()).isNotNull();
        assertThat(client.apps().daemonSets().inNamespace(ns).withName("faultlab-agent").get()).isNotNull();
        assertThat(client.pods().inNamespace(ns).list().getItems()).extracting(p -> p.getMetadata().getName())
                .containsExactlyInAnyOrder("pod-1-a", "pod-1-b", "pod-2-a", "pod-2-b");
        assertThat(client.pods().inNamespace(ns).withName("pod-2-b").get().getSpec().getNodeName())
                .isEqualTo("worker-b");
        assertThat(lab.podNodes()).containsEntry("pod-1-a", "worker-a");
        assertThat(client.services().inNamespace(ns).withName("web").get().getSpec().getExternalTrafficPolicy())
                .isEqualTo("Cluster");

        lab.close();
        assertThat(client.pods().inNamespace(ns).list().getItems()).isEmpty();
        assertThat(client.services().inNamespace(ns).list().getItems()).isEmpty();
        assertThat(client.apps().daemonSets().inNamespace(ns).list().getItems()).isEmpty();
        assertThat(client.namespaces().withName(ns).get()).isNull();
        assertThat(client.nodes().list().getItems()).hasSize(3);
    }

    private static Node node(String name, String ip, String podCidr, String mac, boolean labelled) {
        return new NodeBuilder().withNewMetadata().withName(name)
                .withLabels(labelled ? Map.of("faultlab.dev/lab", "true") : Map.of())
                .withAnnotations(Map.of(NodeDiscovery.BACKEND_DATA, "{\"VNI\":1,\"VtepMAC\":\"" + mac + "\"}",
                        NodeDiscovery.PUBLIC_IP, ip, NodeDiscovery.BACKEND_TYPE, "vxlan"))
                .endMetadata()
                .withNewSpec().withPodCIDR(podCidr).endSpec()
                .withNewStatus().addNewAddress().withType("InternalIP").withAddress(ip).endAddress().endStatus()
                .build();
    }
}

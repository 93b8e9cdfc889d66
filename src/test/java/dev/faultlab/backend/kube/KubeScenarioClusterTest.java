package dev.faultlab.backend.kube;

import dev.faultlab.LabException;
import dev.faultlab.kubelab.LabManifests;
import dev.faultlab.kubelab.NodeDiscovery;
import dev.faultlab.scenario.ScenarioCatalog;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.Datapath;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the kubeconfig backend creates for a scenario on a real cluster, against fabric8's mock API server in CRUD
 * mode: a pod per client on a node the scenario does not use, and a refusal when the scenario's datapath is not the
 * cluster's CNI. The mock runs no kubelet and no exec, so the steps after the objects exist (pods Running, nsenter
 * through the agent pod) are not run here.
 */
@EnableKubernetesMockClient(crud = true)
class KubeScenarioClusterTest {
    private static final String FLANNEL_TYPE = NodeDiscovery.BACKEND_TYPE;
    private static final String CALICO_IPIP = "projectcalico.org/IPv4IPIPTunnelAddr";
    static KubernetesClient client;

    @BeforeEach
    void noNodes() {
        client.nodes().delete();
        client.namespaces().delete();
    }

    /** The README's example: {@code run nodeport-snat-tuple-reuse --backend kubeconfig} needs its client 'lb'. */
    @Test
    void theReadmeExampleGetsItsLoadBalancerAsAPodOnALabelledNodeTheScenarioDoesNotUse() {
        labelled("worker-a", "10.0.0.11", Map.of(FLANNEL_TYPE, "vxlan"));
        labelled("worker-b", "10.0.0.12", Map.of(FLANNEL_TYPE, "vxlan"));
        labelled("worker-c", "10.0.0.13", Map.of(FLANNEL_TYPE, "vxlan"));
        ClusterSpec spec = ScenarioCatalog.loadDefault().find("nodeport-snat-tuple-reuse").cluster();
        assertThat(spec.clients()).containsExactly("lb");

        KubeLabBuilder.Created created = KubeLabBuilder.create(client, spec, "faultlab/agent:1", "flreadme");
        String ns = "faultlab-flreadme";
        Pod lb = client.pods().inNamespace(ns).withName("lb").get();
        assertThat(lb).as("the client pod the README's example needs").isNotNull();
        assertThat(lb.getSpec().getNodeName()).isEqualTo("worker-c");
        assertThat(lb.getSpec().getHostNetwork()).as("its own network namespace, with an eth0 to capture on")
                .isNotEqualTo(Boolean.TRUE);
        assertThat(lb.getMetadata().getLabels()).containsEntry(LabManifests.ROLE_LABEL, "client")
                .containsEntry(LabManifests.LAB_ID_LABEL, "flreadme");
        Service web = client.services().inNamespace(ns).withName("web").get();
        assertThat(web.getSpec().getType()).isEqualTo("NodePort");
        assertThat(web.getSpec().getPorts().get(0).getNodePort()).isEqualTo(30080);
        assertThat(web.getSpec().getExternalTrafficPolicy()).isEqualTo("Cluster");
        assertThat(lb.getMetadata().getLabels()).as("the client backs no service")
                .doesNotContainKeys(web.getSpec().getSelector().keySet().stream()
                        .filter(k -> k.startsWith("faultlab.dev/svc-")).toArray(String[]::new));
        assertThat(client.pods().inNamespace(ns).withName("pod-2-a").get().getSpec().getNodeName())
                .isEqualTo("worker-b");
        assertThat(created.clients()).containsExactly(new ClientPlacement("lb", "worker-c", true));
        assertThat(created.lab().clientNodes()).containsExactly(Map.entry("lb", "worker-c"));

        created.lab().close();
        assertThat(client.pods().inNamespace(ns).list().getItems()).isEmpty();
        assertThat(client.namespaces().withName(ns).get()).isNull();
    }

    @Test
    void withoutASpareLabelledNodeTheClientRunsOnTheScenariosLastNode() {
        labelled("worker-a", "10.0.0.11", Map.of(FLANNEL_TYPE, "vxlan"));
        labelled("worker-b", "10.0.0.12", Map.of(FLANNEL_TYPE, "vxlan"));
        ClusterSpec spec = ScenarioCatalog.loadDefault().find("nodeport-snat-tuple-reuse").cluster();
        KubeLabBuilder.Created created = KubeLabBuilder.create(client, spec, "faultlab/agent:1", "fllast");
        assertThat(client.pods().inNamespace("faultlab-fllast").withName("lb").get().getSpec().getNodeName())
                .isEqualTo("worker-b");
        assertThat(created.clients()).containsExactly(new ClientPlacement("lb", "worker-b", false));
        created.lab().close();
    }

    @Test
    void clientsTakeOneSpareNodeEachSkippingNodesWithoutAnAddressThenShareTheLastScenarioNode() {
        List<NodeDiscovery.DiscoveredNode> nodes = List.of(discovered("a", "10.0.0.1"), discovered("b", "10.0.0.2"),
                discovered("c", null), discovered("d", "10.0.0.4"));
        assertThat(ClientPlacement.plan(List.of("lb", "ext", "third"), nodes, 2)).containsExactly(
                new ClientPlacement("lb", "d", true), new ClientPlacement("ext", "b", false),
                new ClientPlacement("third", "b", false));
        assertThat(ClientPlacement.plan(List.of(), nodes, 2)).isEmpty();
    }

    @Test
    void aScenarioWhoseDatapathIsNotTheClustersCniIsRefusedInOneLineAndNothingIsCreated() {
        labelled("worker-a", "10.0.0.11", Map.of(CALICO_IPIP, "10.42.1.1"));
        labelled("worker-b", "10.0.0.12", Map.of(CALICO_IPIP, "10.42.2.1"));
        ClusterSpec spec = ScenarioCatalog.loadDefault().find("nodeport-snat-tuple-reuse").cluster();
        assertThat(spec.datapath()).isEqualTo(Datapath.FLANNEL_VXLAN);

        assertThatThrownBy(() -> KubeLabBuilder.create(client, spec, "faultlab/agent:1", "flcni"))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("datapath flannel-vxlan")
                .hasMessageContaining("node worker-a shows Calico (IP-in-IP) = datapath ipip ("
                        + CALICO_IPIP + "=10.42.1.1)")
                .hasMessageContaining("set the scenario's cluster.datapath")
                .hasMessageNotContaining("\n");
        assertThat(client.namespaces().list().getItems()).isEmpty();
        assertThat(client.pods().inAnyNamespace().list().getItems()).isEmpty();
    }

    @Test
    void eachShippedDatapathIsRecognisedFromWhatItsCniWritesOnTheNode() {
        CniCheck.require(List.of(node("f", Map.of(FLANNEL_TYPE, "vxlan"))), Datapath.FLANNEL_VXLAN);
        CniCheck.require(List.of(node("c", Map.of(CALICO_IPIP, "10.42.1.1"))), Datapath.IPIP);
        CniCheck.require(List.of(node("k", Map.of("kube-router.io/pod-cidr", "10.42.1.0/24"))), Datapath.BGP);
        CniCheck.require(List.of(node("b", Map.of("projectcalico.org/IPv4Address", "10.0.0.5/24"))), Datapath.BGP);
        assertThatThrownBy(() -> CniCheck.require(List.of(node("h", Map.of(FLANNEL_TYPE, "host-gw"))),
                Datapath.FLANNEL_VXLAN)).isInstanceOf(LabException.class)
                .hasMessageContaining("node h shows no CNI faultlab knows");
        assertThatThrownBy(() -> CniCheck.require(List.of(node("v", Map.of("projectcalico.org/IPv4Address",
                "10.0.0.5/24", "projectcalico.org/IPv4VXLANTunnelAddr", "10.42.0.1"))), Datapath.BGP))
                .isInstanceOf(LabException.class).hasMessageContaining("node v shows no CNI faultlab knows");
    }

    @Test
    void oneNodeOfAnotherCniIsEnoughToRefuse() {
        assertThatThrownBy(() -> CniCheck.require(List.of(node("f", Map.of(FLANNEL_TYPE, "vxlan")),
                node("c", Map.of(CALICO_IPIP, "10.42.1.1"))), Datapath.FLANNEL_VXLAN))
                .isInstanceOf(LabException.class).hasMessageContaining("node c shows Calico (IP-in-IP)")
                .hasMessageNotContaining("node f");
    }

    private static void labelled(String name, String ip, Map<String, String> annotations) {
        Node node = node(name, annotations);
        node.getMetadata().setLabels(Map.of(LabManifests.NODE_LABEL, "true"));
        node.setStatus(new NodeBuilder().withNewStatus().addNewAddress().withType("InternalIP").withAddress(ip)
                .endAddress().endStatus().build().getStatus());
        client.resource(node).create();
    }

    private static Node node(String name, Map<String, String> annotations) {
        return new NodeBuilder().withNewMetadata().withName(name).withAnnotations(new HashMap<>(annotations))
                .endMetadata().withNewSpec().withPodCIDR("10.42.0.0/24").endSpec().build();
    }

    private static NodeDiscovery.DiscoveredNode discovered(String name, String ip) {
        return new NodeDiscovery.DiscoveredNode(name, ip, null, null, null, null);
    }
}

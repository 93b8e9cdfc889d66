package dev.faultlab.backend.k3s;

import dev.faultlab.datapath.DatapathDefinition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultlab.LabException;
import dev.faultlab.backend.BackendSettings;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.Datapath;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The k3s backend's container commands, environment, per-datapath flags and image imports, without Docker. */
class K3sPlanTest {
    private static final List<String> IPS = List.of("192.168.100.11", "192.168.100.12", "192.168.100.13");

    /** Nothing chosen: every image is its backend's default, whatever this machine's environment says. */
    private static final BackendSettings DEFAULTS = new BackendSettings(Path.of("kubeconfig"), null, null, null, null, null);

    private static K3sPlan plan(Datapath datapath) {
        return plan(datapath, DEFAULTS);
    }

    private static K3sPlan plan(Datapath datapath, BackendSettings settings) {
        return new K3sPlan(ClusterSpec.of(3, 2, datapath), K3sDatapaths.of(datapath), "s3cret", IPS,
                "faultlab/node:1", settings);
    }

    @Test
    void serverRunsNode1WithKubeProxyInIptablesModeAndTheLabRanges() {
        List<String> server = plan(Datapath.FLANNEL_VXLAN).serverCommand();
        assertThat(server.get(0)).isEqualTo("server");
        assertThat(server).contains("--node-name=node-1", "--node-ip=192.168.100.11", "--tls-san=192.168.100.11",
                "--cluster-cidr=10.244.0.0/16", "--service-cidr=10.96.0.0/16", "--kube-proxy-arg=proxy-mode=iptables",
                "--disable=traefik", "--disable=servicelb", "--pause-image=faultlab/node:1");
    }

    @Test
    void flannelVxlanUsesK3sOwnFlannel() {
        assertThat(plan(Datapath.FLANNEL_VXLAN).serverCommand()).contains("--flannel-backend=vxlan")
                .noneMatch(a -> a.equals("--flannel-backend=none"));
        assertThat(DatapathDefinition.of(Datapath.FLANNEL_VXLAN).tunnelDevice()).contains("flannel.1");
    }

    @Test
    void bgpTurnsFlannelOffAndImportsKubeRouter() {
        K3sPlan bgp = plan(Datapath.BGP);
        assertThat(bgp.serverCommand()).contains("--flannel-backend=none", "--disable-network-policy");
        assertThat(bgp.images()).containsExactly("faultlab/node:1", K3sBgp.DEFAULT_IMAGE);
        DaemonSet router = KubeRouterManifests.daemonSet(K3sBgp.DEFAULT_IMAGE);
        assertThat(router.getSpec().getTemplate().getSpec().getHostNetwork()).isTrue();
        assertThat(router.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .contains("--run-router=true", "--run-service-proxy=false", "--bgp-graceful-restart=false");
        assertThat(router.getSpec().getTemplate().getSpec().getContainers().get(0).getImagePullPolicy())
                .isEqualTo("IfNotPresent");
    }

    @Test
    void ipipTurnsFlannelOffForTunl0() {
        assertThat(plan(Datapath.IPIP).serverCommand()).contains("--flannel-backend=none");
        assertThat(plan(Datapath.IPIP).images()).containsExactly("faultlab/node:1");
        assertThat(DatapathDefinition.of(Datapath.IPIP).tunnelDevice()).contains("tunl0");
    }

    @Test
    void agentsJoinTheServerByItsUnderlayAddressWithTheToken() {
        K3sPlan plan = plan(Datapath.FLANNEL_VXLAN);
        assertThat(plan.agentCommand(3)).containsExactly("agent", "--node-name=node-3", "--node-ip=192.168.100.13",
                "--pause-image=faultlab/node:1");
        assertThat(plan.agentEnv()).containsEntry("K3S_URL", "https://192.168.100.11:6443")
                .containsEntry("K3S_TOKEN", "s3cret");
        assertThat(plan.serverEnv()).containsEntry("K3S_TOKEN", "s3cret");
        assertThatThrownBy(() -> plan.agentCommand(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("node-2..node-3");
        assertThatThrownBy(() -> plan.agentCommand(4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void imagesAreImportedIntoContainerdsKubernetesNamespaceFromASavedTar() {
        assertThat(K3sPlan.importCommand("faultlab/node:1")).containsExactly("ctr", "-n", "k8s.io", "images",
                "import", "/var/lib/faultlab/images/faultlab_node_1.tar");
        assertThat(K3sPlan.imageTar("docker.io/cloudnativelabs/kube-router:v2.5.0"))
                .isEqualTo("/var/lib/faultlab/images/docker.io_cloudnativelabs_kube-router_v2.5.0.tar");
    }

    @Test
    void aChosenKubeRouterImageIsTheOneImported() {
        BackendSettings chosen = new BackendSettings(Path.of("kubeconfig"), null, null, "registry.local/kube-router:v2",
                null, null);
        assertThat(plan(Datapath.BGP, chosen).images()).containsExactly("faultlab/node:1",
                "registry.local/kube-router:v2");
    }

    @Test
    void needsOneUnderlayAddressPerNode() {
        assertThatThrownBy(() -> new K3sPlan(ClusterSpec.of(2, 1, Datapath.BGP), K3sDatapaths.of(Datapath.BGP), "t",
                List.of("192.168.100.11"), "img", DEFAULTS)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bridgeCniConfigGivesPodsAddressesFromTheNodesPodCidr() throws Exception {
        JsonNode config = new ObjectMapper().readTree(BridgeCniConfig.forPodCidr("10.244.2.0/24"));
        JsonNode bridge = config.get("plugins").get(0);
        assertThat(bridge.get("type").asText()).isEqualTo("bridge");
        assertThat(bridge.get("bridge").asText()).isEqualTo("cni0");
        assertThat(bridge.get("isGateway").asBoolean()).isTrue();
        assertThat(bridge.get("ipMasq").asBoolean()).isFalse();
        assertThat(bridge.at("/ipam/ranges/0/0/subnet").asText()).isEqualTo("10.244.2.0/24");
    }

    @Test
    void podSandboxIsFoundByExactNameAndItsPidReadFromCrictl() {
        assertThat(PodSandbox.findCommand("faultlab-fl1", "pod-1-a")).containsSequence("--name", "^pod-1-a$")
                .containsSequence("--namespace", "faultlab-fl1");
        assertThat(PodSandbox.pid("{\"status\":{},\"info\":{\"pid\":4242}}")).isEqualTo(4242);
        assertThatThrownBy(() -> PodSandbox.pid("{\"info\":{}}")).isInstanceOf(LabException.class)
                .hasMessageContaining("no sandbox pid");
    }
}

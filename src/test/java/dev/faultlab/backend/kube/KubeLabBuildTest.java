package dev.faultlab.backend.kube;

import dev.faultlab.backend.ExecResult;
import dev.faultlab.kubelab.LabManifests;
import dev.faultlab.kubelab.NodeDiscovery;
import dev.faultlab.scenario.ScenarioCatalog;
import dev.faultlab.topology.ClientInfo;
import dev.faultlab.topology.ClusterSpec;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.OutputStreamMessage;
import io.fabric8.kubernetes.client.server.mock.StatusMessage;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's {@code run nodeport-snat-tuple-reuse --backend kubeconfig} through the whole build against fabric8's
 * mock API server in CRUD mode: the test plays the kubelet (pods Running with an address), the DaemonSet controller
 * (one agent pod per labelled node) and the lookup of each pod's network namespace. The built lab has its client
 * {@code lb}, and a command on it runs in the agent pod of the spare node, entered into the client pod's network
 * namespace. A real cluster's kubelet, exec and network are not exercised here.
 */
@EnableKubernetesMockClient(crud = true)
class KubeLabBuildTest {
    private static final String LAB_ID = "flbuild";
    private static final String NAMESPACE = "faultlab-" + LAB_ID;
    private static final Map<String, String> POD_IPS = Map.of("pod-1-a", "10.42.1.10", "pod-2-a", "10.42.2.10",
            "lb", "10.42.3.10");
    private static final Map<String, String> PIDS = Map.of("pod-1-a", "1001", "pod-2-a", "1002", "lb", "1003");
    private static final Map<String, String> NODE_OF_AGENT = Map.of("worker-a", "agent-a", "worker-b", "agent-b",
            "worker-c", "agent-c");
    static KubernetesClient client;
    static KubernetesMockServer server;

    @Test
    void theReadmeExampleBuildsALabWhoseLoadBalancerRunsCommandsInItsOwnPod() throws Exception {
        for (String name : NODE_OF_AGENT.keySet().stream().sorted().toList()) {
            client.resource(node(name)).create();
        }
        ClusterSpec spec = ScenarioCatalog.loadDefault().find("nodeport-snat-tuple-reuse").cluster();
        Map<String, String> lookedUp = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread kubelet = new Thread(() -> playKubelet(running), "mock-kubelet");
        kubelet.setDaemon(true);
        kubelet.start();
        KubeCluster lab;
        try {
            lab = KubeLabBuilder.build(client, spec, "faultlab/agent:1", LAB_ID, (agent, pod, ip) -> {
                lookedUp.put(pod, agent.pod() + " " + ip);
                return PIDS.get(pod);
            });
        } finally {
            running.set(false);
            kubelet.join(5_000);
        }
        try {
            assertThat(lab.layout().clients()).containsExactly(new ClientInfo("lb", POD_IPS.get("lb")));
            assertThat(lab.layout().notes().get("lb")).contains("worker-c");
            assertThat(lookedUp).containsEntry("lb", "agent-c " + POD_IPS.get("lb"))
                    .containsEntry("pod-2-a", "agent-b " + POD_IPS.get("pod-2-a"));
            assertThat(lab.agentPodFor("lb").node()).isEqualTo("worker-c");
            assertThat(lab.command("lb", List.of("hostname")))
                    .containsExactly("nsenter", "--net=/proc/" + PIDS.get("lb") + "/ns/net", "hostname");
            assertThat(lab.command("node-1", List.of("hostname"))).containsExactly("hostname");
            assertThat(lab.agentPodFor("node-1").node()).isEqualTo("worker-a");
            assertThat(lab.layout().nodes()).extracting(n -> n.tunnelDevice()).containsOnly("flannel.1");
        } finally {
            lab.close();
        }
        try (KubernetesClient after = server.createClient()) {
            assertThat(after.namespaces().withName(NAMESPACE).get()).as("closing removes the lab").isNull();
        }
    }

    /**
     * One exec through the agent pod as the lab runs it, against the mock's websocket exec. The mock sometimes
     * delivers the exit status unreadably (fabric8 then reports -1), so only the routing and output are checked.
     */
    @Test
    void aCommandOnAPodRunsInTheAgentPodWithItsNamespacePrefix() {
        client.resource(new PodBuilder().withNewMetadata().withName("agent-c").withNamespace("faultlab-flexec")
                .endMetadata()
                .withNewSpec().addNewContainer().withName("agent").endContainer().endSpec().build()).create();
        server.expect().get().withPath("/api/v1/namespaces/faultlab-flexec/pods/agent-c/exec?command=nsenter&command="
                        + URLEncoder.encode("--net=/proc/1003/ns/net", StandardCharsets.UTF_8)
                        + "&command=hostname&container=agent&stdout=true&stderr=true")
                .andUpgradeToWebSocket().open(new OutputStreamMessage("lb-pod\n"), new StatusMessage(0)).done().once();
        ExecResult result = new AgentPod(client, "faultlab-flexec", "agent-c", "worker-c")
                .exec(List.of("nsenter", "--net=/proc/1003/ns/net", "hostname"), Duration.ofSeconds(10));
        assertThat(result.stdout()).isEqualTo("lb-pod\n");
    }

    /** Pods Running with their address; one Running agent pod per labelled node once the DaemonSet exists. */
    private static void playKubelet(AtomicBoolean running) {
        while (running.get()) {
            DaemonSet agents = client.apps().daemonSets().inNamespace(NAMESPACE).withName(LabManifests.AGENT).get();
            if (agents != null) {
                NODE_OF_AGENT.forEach((node, pod) -> {
                    if (client.pods().inNamespace(NAMESPACE).withName(pod).get() == null) {
                        client.resource(new PodBuilder().withNewMetadata().withName(pod).withNamespace(NAMESPACE)
                                .withLabels(agents.getSpec().getTemplate().getMetadata().getLabels()).endMetadata()
                                .withSpec(agents.getSpec().getTemplate().getSpec()).editSpec().withNodeName(node)
                                .endSpec().build()).create();
                    }
                });
            }
            for (Pod pod : client.pods().inNamespace(NAMESPACE).list().getItems()) {
                if (pod.getStatus() == null || !"Running".equals(pod.getStatus().getPhase())) {
                    String ip = POD_IPS.getOrDefault(pod.getMetadata().getName(), "10.0.0.99");
                    pod.setStatus(new PodBuilder().withNewStatus().withPhase("Running").withPodIP(ip).endStatus()
                            .build().getStatus());
                    client.pods().inNamespace(NAMESPACE).resource(pod).updateStatus();
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static Node node(String name) {
        String ip = "10.0.0." + (11 + name.charAt(name.length() - 1) - 'a');
        return new NodeBuilder().withNewMetadata().withName(name)
                .withLabels(Map.of(LabManifests.NODE_LABEL, "true"))
                .withAnnotations(Map.of(NodeDiscovery.BACKEND_TYPE, "vxlan", NodeDiscovery.PUBLIC_IP, ip))
                .endMetadata().withNewSpec().withPodCIDR("10.42." + (1 + name.charAt(name.length() - 1) - 'a')
                        + ".0/24").endSpec()
                .withNewStatus().addNewAddress().withType("InternalIP").withAddress(ip).endAddress().endStatus()
                .build();
    }
}

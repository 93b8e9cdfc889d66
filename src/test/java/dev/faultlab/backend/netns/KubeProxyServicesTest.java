package dev.faultlab.backend.netns;

import dev.faultlab.datapath.KubeProxyRules;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.Datapath;
import dev.faultlab.topology.ExternalTrafficPolicy;
import dev.faultlab.topology.ServiceSpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("root")
class KubeProxyServicesTest {
    private static final Duration WAIT = Duration.ofSeconds(3);

    private static ClusterSpec spec() {
        return ClusterSpec.of(2, 2, Datapath.IPIP).withClient("client")
                .withService(ServiceSpec.clusterIp("remote", "tcp", 80, 8080, List.of("pod-2-a"))
                        .withNodePort(30080, ExternalTrafficPolicy.CLUSTER))
                .withService(ServiceSpec.clusterIp("local", "tcp", 80, 8080, List.of("pod-1-a"))
                        .withNodePort(30081, ExternalTrafficPolicy.LOCAL))
                .withService(ServiceSpec.clusterIp("same-node", "tcp", 80, 8080, List.of("pod-1-b")));
    }

    @Test
    void clusterIpAndNodePortDnatWithSnatOnlyForClusterPolicy() {
        try (NetnsCluster lab = new NetnsBackend().start(spec())) {
            for (String pod : List.of("pod-1-a", "pod-1-b", "pod-2-a")) {
                PeerAddressServer.start(lab, pod, 8080);
            }
            String remoteIp = lab.layout().service("remote").orElseThrow().clusterIp();
            assertThat(PeerAddressServer.askUntilAnswered(lab, "pod-1-a", remoteIp, 80, WAIT))
                    .as("ClusterIP from a pod is DNATed to the endpoint, pod source kept").isEqualTo("10.244.1.2");

            String sameNodeIp = lab.layout().service("same-node").orElseThrow().clusterIp();
            assertThat(PeerAddressServer.askUntilAnswered(lab, "pod-1-a", sameNodeIp, 80, WAIT))
                    .as("ClusterIP to a pod on the same bridge works (bridge-nf-call-iptables)").isEqualTo("10.244.1.2");

            String seenViaCluster = PeerAddressServer.askUntilAnswered(lab, "client", "192.168.100.11", 30080, WAIT);
            assertThat(seenViaCluster).as("NodePort, policy Cluster: the client is masqueraded to node-1")
                    .isNotEmpty().isNotEqualTo("192.168.100.100");
            assertThat(lab.exec("node-1", "ip", "-o", "-4", "addr", "show").stdout()).contains(seenViaCluster + "/");

            assertThat(PeerAddressServer.askUntilAnswered(lab, "client", "192.168.100.11", 30081, WAIT))
                    .as("NodePort, policy Local: the client's address reaches the pod").isEqualTo("192.168.100.100");
            assertThat(PeerAddressServer.ask(lab, "client", "192.168.100.12", 30081))
                    .as("policy Local on a node without local endpoints drops").isEmpty();

            assertThat(lab.exec("node-2", "iptables-save", "-t", "nat").stdout())
                    .contains(":KUBE-SERVICES", ":KUBE-NODEPORTS", "KUBE-MARK-MASQ", "MASQUERADE",
                            KubeProxyRules.chain("KUBE-SVC-", "default/remote:80/tcp"));
        }
    }
}

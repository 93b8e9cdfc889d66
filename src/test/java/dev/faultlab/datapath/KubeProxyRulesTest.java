package dev.faultlab.datapath;

import dev.faultlab.topology.ExternalTrafficPolicy;
import dev.faultlab.topology.ServiceInfo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KubeProxyRulesTest {
    private static final Map<String, String> IPS = Map.of("pod-1-a", "10.244.1.2", "pod-2-a", "10.244.2.2",
            "pod-3-a", "10.244.3.2");
    private static final Map<String, String> NODES = Map.of("pod-1-a", "node-1", "pod-2-a", "node-2",
            "pod-3-a", "node-3");

    private static String rules(ExternalTrafficPolicy policy, String node) {
        ServiceInfo svc = new ServiceInfo("web", "10.96.0.10", 80, 30080, "tcp", policy,
                List.of("pod-1-a", "pod-2-a", "pod-3-a"), 8080);
        return KubeProxyRules.forNode(List.of(svc), IPS, NODES::get, node, "10.244.0.0/16");
    }

    @Test
    void splitsAcrossEndpointsWithKubeProxysProbabilities() {
        String rules = rules(ExternalTrafficPolicy.CLUSTER, "node-1");
        String svc = KubeProxyRules.chain("KUBE-SVC-", "default/web:80/tcp");
        assertThat(rules).contains("-A " + svc + " -m statistic --mode random --probability 0.33333333333")
                .contains("-A " + svc + " -m statistic --mode random --probability 0.50000000000")
                .contains("--to-destination 10.244.3.2:8080");
        assertThat(svc).matches("KUBE-SVC-[A-Z2-7]{16}");
    }

    @Test
    void clusterPolicyMasqueradesNodePortTraffic() {
        String rules = rules(ExternalTrafficPolicy.CLUSTER, "node-1");
        String ext = KubeProxyRules.chain("KUBE-EXT-", "default/web:80/tcp");
        assertThat(rules).contains("-A " + ext + " -m comment --comment \"masquerade traffic for default/web"
                + " external destinations\" -j KUBE-MARK-MASQ")
                .contains("-j MASQUERADE").doesNotContain("KUBE-SVL-");
    }

    @Test
    void localPolicyUsesOnlyThisNodesEndpointsAndDropsWithoutOne() {
        String svl = KubeProxyRules.chain("KUBE-SVL-", "default/web:80/tcp");
        String sep1 = KubeProxyRules.chain("KUBE-SEP-", "default/web:80/tcp:10.244.1.2");
        String onNode1 = rules(ExternalTrafficPolicy.LOCAL, "node-1");
        assertThat(onNode1).contains("-A " + svl + " -j " + sep1);
        assertThat(onNode1.lines().filter(l -> l.startsWith("-A " + svl))).hasSize(1);

        String onNode4 = rules(ExternalTrafficPolicy.LOCAL, "node-4");
        assertThat(onNode4).contains("-A " + svl + " -m comment --comment \"default/web has no local endpoints\""
                + " -j KUBE-MARK-DROP");
    }
}

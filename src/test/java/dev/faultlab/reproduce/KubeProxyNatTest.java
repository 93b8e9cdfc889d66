package dev.faultlab.reproduce;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** kube-proxy's iptables-save lines to the NodePort and externalTrafficPolicy in front of a pod port. */
class KubeProxyNatTest {
    @TempDir
    Path dir;

    private CustomerEvidence state(String... rules) throws IOException {
        Path host = Files.createDirectories(dir.resolve("after/node-1"));
        Files.write(host.resolve("iptables-nat.txt"), List.of(rules));
        return new CustomerEvidence(List.of(), List.of(dir.resolve("after")), List.of());
    }

    private static final String[] CLUSTER = {
        "-A KUBE-EXT-ABC -m comment --comment \"masquerade traffic for default/web external destinations\" -j KUBE-MARK-MASQ",
        "-A KUBE-EXT-ABC -j KUBE-SVC-ABC",
        "-A KUBE-NODEPORTS -p tcp -m comment --comment \"default/web\" -m tcp --dport 31234 -j KUBE-EXT-ABC",
        "-A KUBE-SEP-XYZ -p tcp -m tcp -j DNAT --to-destination 10.244.2.2:8443",
        "-A KUBE-SVC-ABC -j KUBE-SEP-XYZ",
        // another Service's NodePort, to another port
        "-A KUBE-NODEPORTS -p tcp -m tcp --dport 30999 -j KUBE-EXT-DEF",
        "-A KUBE-EXT-DEF -j KUBE-SVC-DEF",
        "-A KUBE-SVC-DEF -j KUBE-SEP-OTHER",
        "-A KUBE-SEP-OTHER -p tcp -m tcp -j DNAT --to-destination 10.244.2.3:9000",
    };

    @Test
    void clusterPolicy() throws IOException {
        var fact = KubeProxyNat.nodePortFor(state(CLUSTER), 8443).orElseThrow();
        assertThat(fact.nodePort()).isEqualTo(31234);
        assertThat(fact.policy()).isEqualTo("cluster");
        assertThat(fact.source()).startsWith("node-1/iptables-nat.txt: -A KUBE-NODEPORTS");
        assertThat(KubeProxyNat.nodePortFor(state(CLUSTER), 9000).orElseThrow().nodePort()).isEqualTo(30999);
    }

    @Test
    void localPolicy() throws IOException {
        var fact = KubeProxyNat.nodePortFor(state(
                "-A KUBE-NODEPORTS -p tcp -m tcp --dport 32000 -j KUBE-EXT-ABC",
                "-A KUBE-EXT-ABC -j KUBE-SVL-ABC",
                "-A KUBE-SVL-ABC -j KUBE-SEP-XYZ",
                "-A KUBE-SEP-XYZ -p tcp -m tcp -j DNAT --to-destination 10.244.2.2:8443"), 8443).orElseThrow();
        assertThat(fact.policy()).isEqualTo("local");
        assertThat(fact.nodePort()).isEqualTo(32000);
    }

    @Test
    void aClusterIpOnlyServiceHasNoNodePort() throws IOException {
        assertThat(KubeProxyNat.nodePortFor(state(
                "-A KUBE-SERVICES -d 10.96.0.10/32 -p tcp -m tcp --dport 80 -j KUBE-SVC-ABC",
                "-A KUBE-SVC-ABC -j KUBE-SEP-XYZ",
                "-A KUBE-SEP-XYZ -p tcp -m tcp -j DNAT --to-destination 10.244.2.2:8443"), 8443)).isEmpty();
    }
}

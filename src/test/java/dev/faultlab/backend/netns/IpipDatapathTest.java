package dev.faultlab.backend.netns;

import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.Datapath;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("root")
class IpipDatapathTest {
    @Test
    void podsOnDifferentNodesTalkTcpThroughTunl0() {
        try (NetnsCluster lab = new NetnsBackend().start(ClusterSpec.of(2, 1, Datapath.IPIP))) {
            PeerAddressServer.start(lab, "pod-2-a", 8080);
            String seen = PeerAddressServer.askUntilAnswered(lab, "pod-1-a", "10.244.2.2", 8080, Duration.ofSeconds(3));
            assertThat(seen).isEqualTo("10.244.1.2");
            assertThat(lab.exec("node-1", "ip", "route", "show", "10.244.2.0/24").stdout())
                    .contains("via 192.168.100.12 dev tunl0", "onlink", "proto bird");
            assertThat(lab.exec("node-1", "ip", "-o", "link", "show", "tunl0").stdout()).contains("mtu 1440");
            assertThat(lab.exec("node-1", "ip", "neigh", "show", "dev", "tunl0").stdout())
                    .contains("192.168.100.12 lladdr 0e:e1:00:00:00:02", "PERMANENT");
            assertThat(lab.exec("node-1", "bridge", "fdb", "show", "dev", "tunl0").stdout())
                    .contains("0e:e1:00:00:00:02 dst 192.168.100.12 self permanent");
            assertThat(lab.layout().notes()).containsKey("tunl0");
            assertThat(lab.exec("pod-1-a", "ethtool", "-k", "eth0").stdout())
                    .contains("tcp-segmentation-offload: off", "generic-segmentation-offload: off",
                            "generic-receive-offload: off");
            assertThat(lab.exec("node-1", "sysctl", "-n", "net.bridge.bridge-nf-call-iptables").stdout()).isEqualTo("1\n");
            assertThat(lab.exec("underlay", "ip", "route").stdout()).as("nothing leaves the lab")
                    .contains("blackhole default");
        }
    }

    @Test
    void aForwardingNodeAnswers1450ByteDfPacketsWithFragNeededAndCountsIpFragFails() {
        try (NetnsCluster lab = new NetnsBackend().start(ClusterSpec.of(2, 1, Datapath.IPIP).withClient("client"))) {
            lab.exec("client", "ip", "route", "add", "10.244.2.0/24", "via", "192.168.100.11").orThrow();
            // a SYN carrying 1410 bytes with DF: 20 + 20 + 1410 = 1450 bytes on the wire, too big for tunl0
            lab.exec("client", List.of("hping3", "-c", "1", "-y", "-S", "-p", "8080", "-d", "1410", "10.244.2.2"),
                    Duration.ofSeconds(10));
            String counters = lab.exec("node-1", "nstat", "-az", "IpFragFails", "IcmpMsgOutType3").stdout();
            assertThat(counters).containsPattern("IpFragFails\\s+1\\s").containsPattern("IcmpMsgOutType3\\s+1\\s");
        }
    }
}

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
            assertThat(lab.layout().notes()).containsKey("tunl0");
        }
    }
}

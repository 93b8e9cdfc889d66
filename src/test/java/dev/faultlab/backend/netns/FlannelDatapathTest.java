package dev.faultlab.backend.netns;

import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.Datapath;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("root")
class FlannelDatapathTest {
    @Test
    void podsOnDifferentNodesTalkTcpThroughFlannelVxlan() {
        try (NetnsCluster lab = new NetnsBackend().start(ClusterSpec.of(2, 1, Datapath.FLANNEL_VXLAN))) {
            PeerAddressServer.start(lab, "pod-2-a", 8080);
            assertThat(PeerAddressServer.askUntilAnswered(lab, "pod-1-a", "10.244.2.2", 8080, Duration.ofSeconds(3)))
                    .isEqualTo("10.244.1.2");
            String mac2 = agent(lab, "node-2").lease().orElseThrow().vtepMac();
            assertThat(lab.exec("node-1", "ip", "neigh", "show", "dev", "flannel.1").stdout())
                    .contains("10.244.2.0 lladdr " + mac2, "PERMANENT");
            assertThat(lab.exec("node-1", "bridge", "fdb", "show", "dev", "flannel.1").stdout())
                    .contains(mac2 + " dst 192.168.100.12 self permanent");
            assertThat(lab.exec("node-1", "ip", "route", "show", "10.244.2.0/24").stdout())
                    .contains("via 10.244.2.0 dev flannel.1 onlink");
            assertThat(lab.exec("node-1", "ip", "-d", "link", "show", "flannel.1").stdout())
                    .contains("mtu 1450", "vxlan id 1 local 192.168.100.11 dev eth0", "dstport 8472", "nolearning");
        }
    }

    @Test
    void rebootChangesTheMacOnlyOnPeersWhoseAgentRuns() {
        try (NetnsCluster lab = new NetnsBackend().start(ClusterSpec.of(4, 1, Datapath.FLANNEL_VXLAN))) {
            String oldMac = agent(lab, "node-1").lease().orElseThrow().vtepMac();
            lab.agent("node-3").stop();
            lab.agent("node-4").stop();
            assertThat(lab.agent("node-3").isRunning()).isFalse();

            String newMac = agent(lab, "node-1").reboot();

            assertThat(newMac).isNotEqualTo(oldMac);
            Supplier<String> neighOn2 = () -> lab.exec("node-2", "ip", "neigh", "show", "dev", "flannel.1").stdout();
            awaitContains(neighOn2, "10.244.1.0 lladdr " + newMac);
            awaitContains(() -> lab.exec("node-2", "bridge", "fdb", "show", "dev", "flannel.1").stdout(),
                    newMac + " dst 192.168.100.11");
            assertThat(lab.exec("node-2", "bridge", "fdb", "show", "dev", "flannel.1").stdout()).doesNotContain(oldMac);
            assertThat(lab.exec("node-3", "ip", "neigh", "show", "dev", "flannel.1").stdout())
                    .contains("10.244.1.0 lladdr " + oldMac).doesNotContain(newMac);
            assertThat(lab.exec("node-4", "bridge", "fdb", "show", "dev", "flannel.1").stdout())
                    .contains(oldMac + " dst 192.168.100.11").doesNotContain(newMac);

            PeerAddressServer.start(lab, "pod-1-a", 8080);
            assertThat(PeerAddressServer.askUntilAnswered(lab, "pod-2-a", "10.244.1.2", 8080, Duration.ofSeconds(3)))
                    .as("node-2 was updated").isEqualTo("10.244.2.2");
            assertThat(PeerAddressServer.ask(lab, "pod-3-a", "10.244.1.2", 8080))
                    .as("node-3 kept the stale MAC").isEmpty();

            lab.agent("node-3").start();
            awaitContains(() -> lab.exec("node-3", "ip", "neigh", "show", "dev", "flannel.1").stdout(),
                    "10.244.1.0 lladdr " + newMac);
        }
    }

    private static FlannelNodeAgent agent(NetnsCluster lab, String node) {
        return (FlannelNodeAgent) lab.agent(node);
    }

    static void awaitAbsent(Supplier<String> probe, String unexpected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (probe.get().contains(unexpected) && System.nanoTime() < deadline) {
            PeerAddressServer.sleep(50);
        }
        assertThat(probe.get()).doesNotContain(unexpected);
    }

    static void awaitContains(Supplier<String> probe, String expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!probe.get().contains(expected) && System.nanoTime() < deadline) {
            PeerAddressServer.sleep(50);
        }
        assertThat(probe.get()).contains(expected);
    }
}

package dev.faultlab.datapath;

import dev.faultlab.topology.Datapath;
import dev.faultlab.topology.NodeInfo;
import dev.faultlab.topology.PodInfo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The node plans shared by the container backends, checked without running them. */
class OverlayProgramsTest {
    private final NodeInfo node1 = new NodeInfo("node-1", "192.168.100.11", "10.244.1.0/24", "flannel.1");
    private final VtepLease peer = new VtepLease("node-2", "10.244.2.0/24", "0e:00:00:00:00:02", "192.168.100.12");

    @Test
    void flannelUsesVni1OnPort8472AndThePeersPodNetworkAsNextHop() {
        OverlayProgram flannel = OverlayPrograms.of(Datapath.FLANNEL_VXLAN);
        assertThat(flannel.device()).isEqualTo("flannel.1");
        assertThat(flannel.podMtu()).isEqualTo(1450);
        assertThat(flannel.device(node1, "eth0").get(0)).containsSequence("id", "1").containsSequence("dstport",
                "8472").contains("nolearning").containsSequence("local", "192.168.100.11");
        assertThat(flannel.device(node1, "eth0")).contains(List.of("ip", "addr", "add", "10.244.1.0/32", "dev",
                "flannel.1"));
        assertThat(flannel.peer(peer)).containsExactly(
                List.of("bridge", "fdb", "replace", "0e:00:00:00:00:02", "dev", "flannel.1", "dst",
                        "192.168.100.12", "self", "permanent"),
                List.of("ip", "neigh", "replace", "10.244.2.0", "lladdr", "0e:00:00:00:00:02", "dev", "flannel.1",
                        "nud", "permanent"),
                List.of("ip", "route", "replace", "10.244.2.0/24", "via", "10.244.2.0", "dev", "flannel.1",
                        "onlink"));
    }

    @Test
    void ipipStandInRoutesViaThePeersUnderlayAddressWithCalicosProtoAndMtu() {
        OverlayProgram ipip = OverlayPrograms.of(Datapath.IPIP);
        assertThat(ipip.device()).isEqualTo("tunl0");
        assertThat(ipip.podMtu()).isEqualTo(1440);
        assertThat(ipip.peer(peer).get(2)).containsExactly("ip", "route", "replace", "10.244.2.0/24", "via",
                "192.168.100.12", "dev", "tunl0", "onlink", "proto", "bird");
        assertThat(ipip.peer(peer).get(1)).containsSequence("neigh", "replace", "192.168.100.12");
    }

    @Test
    void aFixedMacGoesOnTheLinkAddAndRaisingAnExistingDeviceSkipsTheAdd() {
        OverlayProgram ipip = OverlayPrograms.of(Datapath.IPIP);
        assertThat(ipip.device(node1, "eth0", Optional.of("0e:e1:00:00:00:01")).get(0))
                .containsSequence("ip", "link", "add", "tunl0", "address", "0e:e1:00:00:00:01", "type", "vxlan");
        assertThat(ipip.device(node1, "eth0").get(0)).doesNotContain("address");
        assertThat(ipip.raise(node1)).containsExactly(
                List.of("ip", "link", "set", "tunl0", "mtu", "1440"),
                List.of("ip", "addr", "add", "10.244.1.0/32", "dev", "tunl0"),
                List.of("ip", "link", "set", "tunl0", "up"));
        assertThat(ipip.route(peer)).isEqualTo(ipip.peer(peer).get(2));
    }

    @Test
    void aSupersededLeaseRetiresOnlyItsOldFdbEntry() {
        assertThat(OverlayPrograms.of(Datapath.FLANNEL_VXLAN).retire(peer)).containsExactly(
                List.of("bridge", "fdb", "del", "0e:00:00:00:00:02", "dev", "flannel.1", "self"));
    }

    @Test
    void bgpIsNotAnOverlay() {
        assertThat(OverlayPrograms.find(Datapath.BGP)).isEmpty();
    }

    @Test
    void podsGetAVethIntoCni0AtTheDatapathMtuWithOffloadsOff() {
        List<List<String>> plan = PodNetwork.pod(new PodInfo("pod-1-b", "node-1", "10.244.1.3"), "10.244.1.1", 1440);
        assertThat(plan.get(0)).containsExactly("ip", "netns", "add", "pod-1-b");
        assertThat(plan).contains(List.of("ip", "link", "add", "veth1b", "mtu", "1440", "type", "veth", "peer",
                "name", "eth0", "netns", "pod-1-b"));
        assertThat(plan).contains(List.of("ip", "-n", "pod-1-b", "route", "add", "default", "via", "10.244.1.1"));
        assertThat(plan).contains(List.of("ethtool", "-K", "veth1b", "tso", "off", "gso", "off", "gro", "off"));
    }
}

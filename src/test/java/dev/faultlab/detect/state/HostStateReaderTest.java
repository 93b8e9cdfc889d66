package dev.faultlab.detect.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reads the real command outputs in state/real (see its README) and tolerates missing or damaged files. */
class HostStateReaderTest {
    @TempDir
    Path dir;

    private static Path real() throws Exception {
        return Path.of(HostStateReaderTest.class.getResource("/state/real").toURI());
    }

    @Test
    void readsRealCommandOutputs() throws Exception {
        HostStateReader reader = new HostStateReader();
        HostSnapshot node = reader.read(real()).hosts().get("node-1");
        assertThat(reader.problems()).isEmpty();
        assertThat(node.hasAddress(InetAddress.getByName("192.168.100.11"))).isTrue();
        assertThat(node.lookup(InetAddress.getByName("10.244.3.7")).orElseThrow().protocol()).isEqualTo("17");
        assertThat(node.lookup(InetAddress.getByName("10.244.9.7")).orElseThrow().prefix().isDefault()).isTrue();
        assertThat(node.lookup(InetAddress.getByName("10.244.1.7")).orElseThrow().device()).isEqualTo("cni0");
        Neighbor neighbor = node.neighbors().stream().filter(Neighbor::permanent).findFirst().orElseThrow();
        assertThat(neighbor.linkAddress()).isEqualTo("0e:22:22:22:22:22");
        assertThat(node.fdb()).anyMatch(f -> "192.168.100.12".equals(f.destination()));
        LinkStats flannel = node.link("flannel.1").orElseThrow();
        assertThat(flannel.kind()).isEqualTo("vxlan");
        assertThat(flannel.mtu()).isEqualTo(1450);
        assertThat(flannel.mac()).isEqualTo("0e:11:11:11:11:11");
        assertThat(node.link("eth0").orElseThrow().rxOtherhost()).isEqualTo(3);
        Listener listener = node.listeners().get(0);
        assertThat(listener.port()).isEqualTo(10086);
        assertThat(listener.acceptQueueFull()).isTrue();
        assertThat(node.counters()).containsEntry("TcpExtListenOverflows", 6L);
        assertThat(node.sysctls()).containsEntry("net.ipv4.tcp_syn_linear_timeouts", "4");
        assertThat(node.sockets()).anyMatch(s -> s.state().equals("SYN-SENT"));
        assertThat(node.conntrack().get(0).state()).isEqualTo("TIME_WAIT");
        assertThat(node.conntrack().get(0).sourcePort()).isEqualTo(55390);
    }

    @Test
    void countersRiseBetweenSnapshotsAndAbsoluteWithOne() throws Exception {
        for (String label : new String[]{"before", "after"}) {
            Path host = Files.createDirectories(dir.resolve(label).resolve("node-1"));
            Files.writeString(dir.resolve(label).resolve("snapshot.json"),
                    "{\"takenAt\":\"2026-01-01T00:0" + (label.equals("after") ? 5 : 0) + ":00Z\",\"label\":\"" + label
                            + "\"}");
            Files.writeString(host.resolve("nstat.txt"), "#kernel\nTcpExtListenOverflows "
                    + (label.equals("after") ? 9 : 4) + " 0.0\n");
        }
        HostStateReader reader = new HostStateReader();
        HostStates both = HostStates.of(java.util.List.of(reader.read(dir.resolve("after")),
                reader.read(dir.resolve("before"))));
        CounterReading delta = both.counter("node-1", "TcpExtListenOverflows");
        assertThat(delta.value()).isEqualTo(5);
        assertThat(delta.isDelta()).isTrue();
        assertThat(delta.describe()).isEqualTo("TcpExtListenOverflows rose by 5 between snapshots 'before' and 'after'");
        HostStates one = HostStates.of(java.util.List.of(reader.read(dir.resolve("after"))));
        CounterReading absolute = one.counter("node-1", "TcpExtListenOverflows");
        assertThat(absolute.value()).isEqualTo(9);
        assertThat(absolute.isDelta()).isFalse();
        assertThat(absolute.describe()).startsWith("TcpExtListenOverflows = 9 since boot").doesNotContain("rose");
        // a sum with one absolute part is absolute
        assertThat(delta.plus(absolute).isDelta()).isFalse();
        assertThat(delta.plus(absolute).describe()).doesNotContain("rose");
        assertThat(both.counter("node-9", "TcpExtListenOverflows").positive()).isFalse();
    }

    @Test
    void linkCountersSayWhichDeviceAndWhatTheyCount() throws Exception {
        Path host = Files.createDirectories(dir.resolve("only").resolve("node-1"));
        Files.copy(real().resolve("node-1").resolve("ip-link.json"), host.resolve("ip-link.json"));
        HostStates one = HostStates.of(java.util.List.of(new HostStateReader().read(dir.resolve("only"))));
        CounterReading otherhost = one.linkCounter("node-1", "eth0", "rx otherhost drops", LinkStats::rxOtherhost);
        assertThat(otherhost.value()).isEqualTo(3);
        assertThat(otherhost.file()).isEqualTo("ip-link.json");
        assertThat(otherhost.describe()).startsWith("eth0 rx otherhost drops = 3 since boot (one snapshot 'only'");
    }

    @Test
    void collectorHostJsonAndKubeNodesGiveCidrsUnderlayAndVtepMacs() throws Exception {
        Path host = Files.createDirectories(dir.resolve("s").resolve("worker-a"));
        Files.writeString(host.resolve("host.json"), "{\"name\": \"worker-a\", \"role\": \"node\","
                + " \"underlayIp\": \"172.31.5.9\", \"podCidr\": \"10.42.0.0/24\", \"podCidrSource\": \"cni0\","
                + " \"addresses\": [\"172.31.5.9\", \"10.42.0.1\"], \"future\": 1}\n");
        Files.writeString(host.resolve("kube-nodes.txt"), String.join("\n",
                "worker-a\t10.42.0.0/24\t172.31.5.9\t172.31.5.9\t{\"VNI\":1,\"VtepMAC\":\"0E:AA:00:00:00:01\"}",
                "worker-b\t10.42.1.0/24\t172.31.5.10\t\t",
                "worker-c\t\t172.31.5.11\t\t", ""));
        HostStateReader reader = new HostStateReader();
        HostStates states = HostStates.of(java.util.List.of(reader.read(dir.resolve("s"))));
        assertThat(reader.problems()).isEmpty();
        HostSnapshot node = states.latest("worker-a").orElseThrow();
        assertThat(node.info().isNode()).isTrue();
        assertThat(node.info().podCidr()).isEqualTo("10.42.0.0/24");
        assertThat(node.hasAddress(InetAddress.getByName("10.42.0.1"))).isTrue();
        assertThat(node.leases()).extracting(Lease::node).containsExactly("worker-a", "worker-b", "worker-c");
        assertThat(node.leases().get(0).vtepMac()).isEqualTo("0e:aa:00:00:00:01");
        assertThat(node.leases().get(1).vtepMac()).isNull();
        assertThat(states.nodeOwning(InetAddress.getByName("10.42.1.7")).orElseThrow().node()).isEqualTo("worker-b");
        assertThat(states.nodeName(InetAddress.getByName("172.31.5.10"))).isEqualTo("worker-b");
        assertThat(states.nodeName(InetAddress.getByName("172.31.5.9"))).isEqualTo("worker-a");
    }

    @Test
    void unknownRoleStillReadsTheRestOfTheHost() throws Exception {
        Path host = Files.createDirectories(dir.resolve("s").resolve("odd"));
        Files.writeString(host.resolve("host.json"), "{\"name\": \"odd\", \"role\": \"router\", \"podCidr\": \"10.9.0.0/24\"}");
        HostStateReader reader = new HostStateReader();
        HostSnapshot odd = reader.read(dir.resolve("s")).hosts().get("odd");
        assertThat(reader.problems()).isEmpty();
        assertThat(odd.info().role()).isNull();
        assertThat(odd.info().podCidr()).isEqualTo("10.9.0.0/24");
    }

    @Test
    void damagedFilesAreNotedAndSkipped() throws Exception {
        Path host = Files.createDirectories(dir.resolve("s").resolve("node-1"));
        Files.writeString(host.resolve("ip-route.json"), "[{\"dst\": ");
        Files.writeString(host.resolve("ss-ltn.txt"), "garbage\n\u0000\u0001 LISTEN x y z\n");
        HostStateReader reader = new HostStateReader();
        HostSnapshot node = reader.read(dir.resolve("s")).hosts().get("node-1");
        assertThat(node.routes()).isEmpty();
        assertThat(node.listeners()).isEmpty();
        assertThat(reader.problems()).singleElement().asString().contains("ip-route.json");
    }

    @Test
    void missingDirectoryIsOneClearLine() {
        assertThatThrownBy(() -> new HostStateReader().read(dir.resolve("nope")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist")
                .hasMessageNotContaining("\n");
    }
}

package dev.faultlab.capture.state;

import dev.faultlab.capture.layout.StateFile;
import dev.faultlab.capture.layout.HostRole;
import dev.faultlab.capture.layout.StateLayout;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultlab.backend.LabProcess;
import dev.faultlab.backend.netns.NetnsBackend;
import dev.faultlab.backend.netns.NetnsCluster;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.Datapath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Snapshots a node and a pod of a real one-node netns lab (about 0.3 s to bring up) and checks the files hold
 * the real state.
 */
@Tag("root")
class HostStateCollectorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path stateDir;
    private NetnsCluster cluster;
    private String podIp;

    @BeforeEach
    void startLab() {
        cluster = new NetnsBackend().start(ClusterSpec.of(1, 1, Datapath.IPIP));
        podIp = cluster.layout().pods().stream().filter(p -> p.name().equals("pod-1-a")).findFirst().orElseThrow().ip();
    }

    @AfterEach
    void stopLab() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void writesTheLayoutWithRealState() throws IOException {
        cluster.exec("node-1", "ip", "route", "add", "10.244.7.0/24", "via", podIp, "proto", "17").orThrow();
        LabProcess listener = cluster.start("node-1", List.of("socat", "TCP-LISTEN:7777,reuseaddr,fork", "EXEC:/bin/cat"));
        await().until(() -> cluster.exec("node-1", "ss", "-ltnH", "sport", "= :7777").stdout().contains("7777"));

        CollectedSnapshot snapshot = new HostStateCollector(cluster).snapshotAll(stateDir, "before");
        listener.close();

        assertThat(snapshot.warnings()).isEmpty();
        JsonNode info = JSON.readTree(stateDir.resolve("snapshot.json").toFile());
        assertThat(info.get("label").asText()).isEqualTo("before");
        assertThat(info.get("labId").asText()).isEqualTo(cluster.layout().labId());

        Path node = stateDir.resolve("node-1");
        assertThat(names(node)).containsExactlyInAnyOrderElementsOf(expectedFiles(HostRole.NODE, true));
        JsonNode routes = JSON.readTree(node.resolve("ip-route.json").toFile());
        assertThat(StreamSupport.stream(routes.spliterator(), false).map(r -> r.path("dst").asText()))
                .contains("10.244.7.0/24");
        assertThat(Files.readString(node.resolve("ss-ltn.txt"))).contains(":7777");
        assertThat(Files.readString(node.resolve("nstat.txt"))).contains("TcpExtListenOverflows");
        assertThat(Files.readString(node.resolve("sysctl.txt"))).containsPattern("(?m)^net\\.core\\.somaxconn = \\d+$");
        assertThat(Files.readString(node.resolve("iptables-nat.txt"))).contains("*nat");
        assertThat(JSON.readTree(node.resolve("agent.json").toFile()))
                .isEqualTo(JSON.readTree(cluster.agent("node-1").stateJson()));
        JsonNode host = JSON.readTree(node.resolve("host.json").toFile());
        assertThat(host.get("role").asText()).isEqualTo("node");
        assertThat(host.get("podCidr").asText()).isEqualTo("10.244.1.0/24");

        Path pod = stateDir.resolve("pod-1-a");
        assertThat(names(pod)).containsExactlyInAnyOrderElementsOf(expectedFiles(HostRole.POD, false));
        assertThat(JSON.readTree(pod.resolve("host.json").toFile()).get("node").asText()).isEqualTo("node-1");
        assertThat(Files.readString(pod.resolve("ip-addr.json"))).contains(podIp);
    }

    /** The brief's question: does this iproute2 show rx otherhost drops? It does, but only once non-zero. */
    @Test
    void linkStatsShowOtherhostDrops() throws IOException {
        // the node's bridge floods a frame for an unknown MAC to the pod, whose eth0 drops it as not its own
        cluster.exec("node-1", "ip", "neigh", "replace", podIp, "lladdr", "02:11:22:33:44:55",
                "dev", "cni0", "nud", "permanent").orThrow();
        for (int i = 0; i < 3; i++) {
            cluster.exec("node-1", "socat", "-u", "GOPEN:/etc/hostname", "UDP-SENDTO:" + podIp + ":9").orThrow();
        }
        new HostStateCollector(cluster).snapshot(stateDir, "after", List.of("pod-1-a"));

        JsonNode links = JSON.readTree(stateDir.resolve("pod-1-a").resolve("ip-link.json").toFile());
        JsonNode veth = StreamSupport.stream(links.spliterator(), false)
                .filter(l -> l.path("ifname").asText().equals("eth0")).findFirst().orElseThrow();
        assertThat(veth.path("stats64").path("rx").path("otherhost").asLong()).isEqualTo(3);
    }

    @Test
    void unknownHostFailsBeforeWritingAnything() {
        assertThatThrownBy(() -> new HostStateCollector(cluster).snapshot(stateDir, "x", List.of("node-9")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown host 'node-9'")
                .hasMessageContaining("node-1, pod-1-a");
        assertThat(stateDir.resolve("snapshot.json")).doesNotExist();
    }

    private static List<String> expectedFiles(HostRole role, boolean agent) {
        List<String> commandFiles = StateLayout.commandFilesFor(role).stream().map(StateFile::name).toList();
        return agent
                ? concat(commandFiles, StateLayout.HOST_JSON, StateLayout.AGENT_JSON)
                : concat(commandFiles, StateLayout.HOST_JSON);
    }

    private static List<String> concat(List<String> files, String... more) {
        return java.util.stream.Stream.concat(files.stream(), java.util.stream.Stream.of(more)).toList();
    }

    private static List<String> names(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }
}

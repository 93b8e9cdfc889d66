package dev.faultlab.capture.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultlab.backend.Backend;
import dev.faultlab.backend.Backends;
import dev.faultlab.backend.Cluster;
import dev.faultlab.backend.ExecResult;
import dev.faultlab.backend.LabProcess;
import dev.faultlab.capture.CaptureRequest;
import dev.faultlab.capture.LiveCapture;
import dev.faultlab.capture.state.HostStateCollector;
import dev.faultlab.capture.state.CollectedSnapshot;
import dev.faultlab.capture.read.Packet;
import dev.faultlab.capture.testlab.Captured;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.Datapath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Capture and snapshot against a real netns lab (2 nodes, 2 pods each, ipip datapath), through {@link Cluster}. */
@Tag("root")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetnsLabCaptureTest {
    private static final int PORT = 8080;

    @TempDir
    Path dir;
    private Cluster lab;
    private LabProcess sink;

    @BeforeAll
    void startLab() {
        Backend netns = Backends.named("netns");
        assumeTrue(netns.unavailableReason() == null, netns.unavailableReason());
        lab = netns.start(ClusterSpec.of(2, 2, Datapath.IPIP));
        sink = lab.start("pod-2-a", List.of("socat", "-u", "TCP-LISTEN:" + PORT + ",reuseaddr,fork", "OPEN:/dev/null"));
        // both senders talk once before capturing, so cni0 has learned every MAC and floods nothing later
        await().atMost(Duration.ofSeconds(10)).until(() -> send("pod-1-a").ok() && send("pod-1-b").ok());
    }

    @AfterAll
    void stopLab() {
        if (sink != null) {
            sink.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void captureInAPodSeesThatPodsTrafficAndNotItsNeighbours() throws IOException {
        String watchedIp = lab.layout().pod("pod-1-a").orElseThrow().ip();
        String neighbourIp = lab.layout().pod("pod-1-b").orElseThrow().ip();
        String serverIp = lab.layout().pod("pod-2-a").orElseThrow().ip();
        Path file = dir.resolve("pod-1-a.pcapng");

        try (LiveCapture capture = lab.capture("pod-1-a", CaptureRequest.of("eth0", file))) {
            for (int i = 0; i < 3; i++) {
                assertThat(send("pod-1-a").ok()).isTrue();
                assertThat(send("pod-1-b").ok()).isTrue();
            }
            assertThat(capture.stop().written()).isPositive();
        }

        List<Packet> ip = Captured.packets(file).stream().filter(p -> p.ip() != null).toList();
        List<Packet> toServer = ip.stream().filter(p -> p.tcp() != null && p.tcp().destinationPort() == PORT
                && p.ip().destination().getHostAddress().equals(serverIp)).toList();
        // each connection: SYN, ACK, data, FIN at least
        assertThat(toServer).hasSizeGreaterThanOrEqualTo(3 * 3)
                .allSatisfy(p -> assertThat(p.ip().source().getHostAddress()).isEqualTo(watchedIp));
        assertThat(toServer).filteredOn(p -> p.tcp().isSynOnly()).hasSize(3);
        assertThat(ip).noneSatisfy(p -> assertThat(Captured.addresses(p)).contains(neighbourIp));
    }

    @Test
    void simultaneousCapturesOnANodesBridgeAndTunnelSeeBothPods() {
        Path bridge = dir.resolve("node-1-cni0.pcapng");
        Path tunnel = dir.resolve("node-1-tunl0.pcapng");
        String synToServer = "tcp[tcpflags] == tcp-syn and dst port " + PORT;
        try (LiveCapture onBridge = lab.capture("node-1", CaptureRequest.of("cni0", bridge).withFilter(synToServer));
             LiveCapture onTunnel = lab.capture("node-1", CaptureRequest.of("tunl0", tunnel).withFilter(synToServer))) {
            for (int i = 0; i < 2; i++) {
                assertThat(send("pod-1-a").ok()).isTrue();
                assertThat(send("pod-1-b").ok()).isTrue();
            }
            assertThat(onBridge.stop().written()).isEqualTo(4);
            assertThat(onTunnel.stop().written()).isEqualTo(4);
        }
        String podA = lab.layout().pod("pod-1-a").orElseThrow().ip();
        String podB = lab.layout().pod("pod-1-b").orElseThrow().ip();
        for (Path file : List.of(bridge, tunnel)) {
            assertThat(Captured.packets(file)).extracting(p -> p.ip().source().getHostAddress())
                    .as(file.getFileName().toString()).containsExactlyInAnyOrder(podA, podB, podA, podB);
        }
    }

    @Test
    void snapshotOfTheLabHoldsItsRoutesAndAgentState() throws IOException {
        CollectedSnapshot snapshot = new HostStateCollector(lab).snapshot(dir.resolve("state"), "before",
                List.of("node-1", "pod-2-a"));
        assertThat(snapshot.warnings()).isEmpty();

        ObjectMapper json = new ObjectMapper();
        JsonNode routes = json.readTree(dir.resolve("state/node-1/ip-route.json").toFile());
        assertThat(StreamSupport.stream(routes.spliterator(), false).map(r -> r.path("dst").asText()))
                .contains("10.244.2.0/24");
        assertThat(dir.resolve("state/node-1/agent.json")).exists();
        assertThat(dir.resolve("state/pod-2-a/ss-ltn.txt")).content().contains(":" + PORT);
    }

    private ExecResult send(String from) {
        String server = lab.layout().pod("pod-2-a").orElseThrow().ip();
        return lab.exec(from, List.of("socat", "-u", "OPEN:/etc/hostname",
                "TCP:" + server + ":" + PORT + ",connect-timeout=2"), Duration.ofSeconds(5));
    }
}

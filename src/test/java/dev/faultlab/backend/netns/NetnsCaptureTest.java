package dev.faultlab.backend.netns;

import dev.faultlab.capture.CaptureRequest;
import dev.faultlab.capture.CaptureStats;
import dev.faultlab.capture.LiveCapture;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.Datapath;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("root")
class NetnsCaptureTest {
    @TempDir
    Path out;

    @Test
    void capturesOnTheTunnelDeviceOfANode() throws Exception {
        try (NetnsCluster lab = new NetnsBackend().start(ClusterSpec.of(2, 1, Datapath.FLANNEL_VXLAN))) {
            PeerAddressServer.start(lab, "pod-2-a", 8080);
            Path file = out.resolve("flannel.pcapng");
            CaptureStats stats;
            try (LiveCapture capture = lab.capture("node-2",
                    CaptureRequest.of("flannel.1", file).withFilter("tcp port 8080"))) {
                assertThat(PeerAddressServer.askUntilAnswered(lab, "pod-1-a", "10.244.2.2", 8080,
                        Duration.ofSeconds(3))).isEqualTo("10.244.1.2");
                stats = capture.stop();
            }
            assertThat(stats.written()).as("SYN, SYN-ACK, data and FINs crossed flannel.1").isGreaterThanOrEqualTo(4);
            assertThat(Files.size(file)).isGreaterThan(100);
        }
    }
}

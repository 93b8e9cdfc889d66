package dev.faultlab.backend.k3s;

import dev.faultlab.backend.Cluster;
import dev.faultlab.backend.ExecResult;
import dev.faultlab.capture.CaptureRequest;
import dev.faultlab.capture.LiveCapture;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.Datapath;
import dev.faultlab.topology.PodInfo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** End to end on k3s; skipped (with the reason) where Docker or the k3s image is absent, as on this CI machine. */
@Tag("root")
class K3sBackendTest {
    @Test
    void podsOnDifferentNodesTalkOverFlannelAndACaptureInANodeSeesIt(@TempDir Path dir) {
        K3sBackend backend = new K3sBackend();
        String reason = backend.unavailableReason();
        assumeTrue(reason == null, reason);
        try (Cluster lab = backend.start(ClusterSpec.of(2, 1, Datapath.FLANNEL_VXLAN))) {
            PodInfo target = lab.layout().pod("pod-2-a").orElseThrow();
            try (LiveCapture capture = lab.capture("node-2", CaptureRequest.of("eth0", dir.resolve("n2.pcapng"))
                    .withFilter("udp port 8472"))) {
                ExecResult ping = lab.exec("pod-1-a", List.of("ping", "-c", "2", "-W", "2", target.ip()),
                        Duration.ofSeconds(15));
                assertThat(ping.exitCode()).as(ping.stderr()).isZero();
                assertThat(capture.stop().written()).isGreaterThanOrEqualTo(4);
            }
        }
    }
}

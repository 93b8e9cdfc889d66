package dev.faultlab.backend.docker;

import dev.faultlab.backend.Cluster;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.Datapath;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Two docker labs started at the same time get their own underlay subnets and do not disturb each other. */
@Tag("root")
class DockerTwoLabsTest {
    @Test
    void twoLabsSideBySide() {
        DockerBackend backend = new DockerBackend();
        assumeTrue(backend.unavailableReason() == null, backend.unavailableReason());
        ClusterSpec spec = ClusterSpec.of(2, 1, Datapath.FLANNEL_VXLAN);
        CompletableFuture<Cluster> first = CompletableFuture.supplyAsync(() -> backend.start(spec));
        CompletableFuture<Cluster> second = CompletableFuture.supplyAsync(() -> backend.start(spec));
        try (Cluster a = first.join(); Cluster b = second.join()) {
            assertThat(a.id()).isNotEqualTo(b.id());
            String ipA = a.layout().node("node-1").orElseThrow().underlayIp();
            String ipB = b.layout().node("node-1").orElseThrow().underlayIp();
            assertThat(ipA).isNotEqualTo(ipB);
            a.close();
            assertThat(b.exec("pod-1-a", List.of("ping", "-c", "1", "-W", "2", "10.244.2.2"), Duration.ofSeconds(5))
                    .ok()).isTrue();
        }
    }
}

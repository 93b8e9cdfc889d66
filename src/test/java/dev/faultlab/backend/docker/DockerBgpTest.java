package dev.faultlab.backend.docker;

import dev.faultlab.backend.Cluster;
import dev.faultlab.topology.BgpDaemon;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.Datapath;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The bgp datapath in docker nodes: gobgpd in each container, the shared route sync joined to it. */
@Tag("root")
class DockerBgpTest {
    @Test
    void routesFollowTheBgpAgentsLifeAsKubeRoutersDid() {
        DockerBackend backend = new DockerBackend();
        assumeTrue(backend.unavailableReason() == null, backend.unavailableReason());
        try (Cluster lab = backend.start(ClusterSpec.of(2, 1, Datapath.BGP))) {
            assertThat(lab.exec("pod-1-a", List.of("ping", "-c", "1", "-W", "2", "10.244.2.2"), Duration.ofSeconds(5))
                    .ok()).isTrue();
            assertThat(lab.exec("node-1", "ip", "route", "show", "10.244.2.0/24").stdout()).contains("proto 17");
            assertThat(lab.agent("node-1").stateJson()).contains("\"state\":\"established\"");
            assertThat(lab.layout().notes().get("bgp speaker")).as("bird was asked for, gobgpd ran")
                    .startsWith("gobgpd");

            lab.agent("node-2").kill();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                    lab.exec("node-1", "ip", "route", "show", "10.244.2.0/24").stdout().isBlank());
            assertThat(lab.agent("node-2").isRunning()).isFalse();
            assertThat(lab.exec("node-2", "ip", "route", "show", "10.244.1.0/24").stdout())
                    .as("a dead speaker keeps its own routes").contains("proto 17");

            lab.agent("node-2").start();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    lab.exec("node-1", "ip", "route", "show", "10.244.2.0/24").stdout().contains("proto 17"));
        }
    }

    @Test
    void aSpeakerOtherThanGobgpdIsNamedInTheLayoutNotes() {
        ClusterSpec spec = ClusterSpec.of(2, 1, Datapath.BGP);
        BgpDatapath docker = new BgpDatapath();
        assertThat(docker.notes(spec.withBgp(spec.bgp().withDaemon(BgpDaemon.GOBGPD)))).isEmpty();
        assertThat(docker.notes(spec.withBgp(spec.bgp().withDaemon(BgpDaemon.EMBEDDED))).get("bgp speaker"))
                .contains("gobgpd").contains("embedded");
    }
}

package dev.faultlab.backend.netns;

import dev.faultlab.datapath.Commands;
import dev.faultlab.topology.BgpOptions;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.Datapath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class BirdConfigTest {
    private final LabPlan plan = LabPlan.of("flabc123", ClusterSpec.of(3, 0, Datapath.BGP));

    private String conf(BgpOptions options) {
        return BirdConfig.conf(plan.node("node-1"), List.of(plan.node("node-2"), plan.node("node-3")), options);
    }

    @Test
    void meshesWithEveryPeerAnnouncingTheNodesPodCidr() {
        String conf = conf(BgpOptions.labDefaults().withHoldTime(6, 2));
        assertThat(conf).contains("router id 192.168.100.11;", "route 10.244.1.0/24 blackhole;",
                "kernel table " + BirdConfig.EXPORT_TABLE + ";", "persist;", "hold time 6;", "keepalive time 2;",
                "local 192.168.100.11 as 64512;", "graceful restart off;",
                "protocol bgp peer_192_168_100_12 from mesh { neighbor 192.168.100.12 as 64512; }",
                "protocol bgp peer_192_168_100_13 from mesh { neighbor 192.168.100.13 as 64512; }");
        assertThat(conf(BgpOptions.labDefaults().withGracefulRestart(60)))
                .contains("graceful restart on;", "graceful restart time 60;").doesNotContain("restart off");
    }

    @Test
    void protocolNamesMapBackToPeerAddresses() {
        assertThat(BirdConfig.peerAddress(BirdConfig.protocolName("192.168.100.12"))).hasValue("192.168.100.12");
        assertThat(BirdConfig.peerAddress("kernel1")).isEmpty();
    }

    /** bird's own parser ({@code bird -p}) accepts both variants; skipped where bird is not installed. */
    @Test
    void birdParsesIt(@TempDir Path dir) throws Exception {
        assumeTrue(new Tool("bird", "bird2").installed(), "bird not installed");
        for (BgpOptions options : List.of(BgpOptions.labDefaults(), BgpOptions.labDefaults().withGracefulRestart(90))) {
            Path file = dir.resolve("node-1.conf");
            Files.writeString(file, conf(options));
            var result = Commands.run(List.of("bird", "-p", "-c", file.toString()));
            assertThat(result.ok()).as(result.stderr()).isTrue();
        }
    }
}

package dev.faultlab.backend.netns;

import dev.faultlab.backend.LabProcess;
import dev.faultlab.datapath.Commands;
import dev.faultlab.topology.BgpDaemon;
import dev.faultlab.topology.BgpOptions;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.Datapath;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-process speaker against a real implementation: node-2 runs faultlab's speaker, node-1's is replaced by a
 * real bird with the lab's bird configuration. They must establish a session over the wire (both dial: node-2
 * dials the nodes before it and bird dials every peer, so a connection collision may need resolving) and each
 * must install the other's pod route, and tshark must read every BGP message of it as BGP, none malformed.
 */
@Tag("root")
class EmbeddedSpeakerInteropTest {
    @Test
    void theInProcessSpeakerAndBirdExchangeTheirPodRoutes(@TempDir Path dir) throws IOException {
        ClusterSpec spec = ClusterSpec.of(2, 0, Datapath.BGP)
                .withBgp(BgpOptions.labDefaults().withDaemon(BgpDaemon.EMBEDDED));
        try (NetnsCluster lab = new NetnsBackend().start(spec)) {
            lab.agent("node-1").kill();
            FlannelDatapathTest.awaitAbsent(() -> lab.exec("node-2", "ip", "route", "show", "proto", "17").stdout(),
                    "10.244.1.0/24");

            Path capture = dir.resolve("bgp.pcap");
            LabProcess tcpdump = lab.start("node-2", List.of("tcpdump", "-i", "eth0", "-U", "-w", capture.toString(),
                    "tcp", "port", "179"));
            PeerAddressServer.sleep(500); // tcpdump attached before bird starts
            LabPlan plan = LabPlan.of("interop", spec);
            Path conf = dir.resolve("node-1.conf");
            Files.writeString(conf, BirdConfig.conf(plan.node("node-1"), List.of(plan.node("node-2")), spec.bgp()));
            LabProcess bird = lab.start("node-1", List.of("bird", "-f", "-c", conf.toString(), "-s",
                    dir.resolve("node-1.ctl").toString()));
            try {
                FlannelDatapathTest.awaitContains(() -> lab.exec("node-2", "ip", "route", "show", "proto", "17")
                        .stdout(), "10.244.1.0/24 via 192.168.100.11");
                FlannelDatapathTest.awaitContains(() -> lab.exec("node-1", "ip", "route", "show", "table",
                        String.valueOf(BirdConfig.EXPORT_TABLE)).stdout(), "10.244.2.0/24 via 192.168.100.12");
                assertThat(lab.agent("node-2").stateJson())
                        .contains("{\"address\":\"192.168.100.11\",\"state\":\"established\"");
                PeerAddressServer.sleep(4000); // a keepalive interval (3 s) of the established session on the wire
            } finally {
                bird.close();
                tcpdump.close();
            }
            assertThat(bird.output()).as("bird's complaints about our messages")
                    .doesNotContain("Malformed", "Invalid", "Bad ", "Unsupported");
            String decoded = Commands.run(List.of("tshark", "-r", capture.toString(), "-Y", "bgp", "-T", "fields",
                    "-e", "ip.src", "-e", "bgp.type"), null, Duration.ofSeconds(30)).stdout();
            assertThat(decoded).as("OPEN, UPDATE and KEEPALIVE from both speakers")
                    .contains("192.168.100.11\t1", "192.168.100.12\t1", "192.168.100.11\t2", "192.168.100.12\t2",
                            "192.168.100.11\t4", "192.168.100.12\t4");
            assertThat(Commands.run(List.of("tshark", "-r", capture.toString(), "-Y", "_ws.malformed"), null,
                    Duration.ofSeconds(30)).stdout()).as("packets tshark calls malformed").isBlank();
        }
    }
}

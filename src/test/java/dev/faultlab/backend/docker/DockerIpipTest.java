package dev.faultlab.backend.docker;

import dev.faultlab.backend.Cluster;
import dev.faultlab.backend.ExecResult;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.Datapath;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The ipip datapath in docker nodes: tunl0 with Calico's MTU and routes, pods at tunnel MTU. */
@Tag("root")
class DockerIpipTest {
    @Test
    void tunl0CarriesPodTrafficAndRefusesA1450ByteDfPacket() {
        DockerBackend backend = new DockerBackend();
        assumeTrue(backend.unavailableReason() == null, backend.unavailableReason());
        try (Cluster lab = backend.start(ClusterSpec.of(2, 1, Datapath.IPIP))) {
            assertThat(lab.exec("pod-1-a", List.of("ping", "-c", "1", "-W", "2", "10.244.2.2"), Duration.ofSeconds(5))
                    .ok()).isTrue();
            assertThat(lab.exec("node-1", "ip", "route", "show", "10.244.2.0/24").stdout())
                    .contains("dev tunl0", "proto bird", "onlink");
            assertThat(lab.exec("pod-1-a", "ip", "link", "show", "eth0").stdout()).contains("mtu 1440");
            // node-1 routes a 1450-byte DF packet (from its own stack) into tunl0: the kernel refuses it, as with ipip
            ExecResult big = lab.exec("node-1", List.of("ping", "-c", "1", "-W", "2", "-M", "do", "-s", "1422",
                    "10.244.2.2"), Duration.ofSeconds(5));
            assertThat(big.ok()).isFalse();
            assertThat(big.stdout() + big.stderr()).contains("mtu=1440");
            assertThat(lab.layout().notes()).containsKey("tunl0");
        }
    }
}

package dev.faultlab.junit;

import dev.faultlab.scenario.Scenario;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.Datapath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioBuilderTest {
    @Test
    void buildsTheSameScenarioModelAFileLoadsTo() {
        Scenario scenario = ScenarioBuilder.named("my-bridge")
                .title("bridge netfilter off on node-1")
                .cluster(ClusterSpec.of(1, 2, Datapath.FLANNEL_VXLAN))
                .sysctl("node-1", "net.ipv4.ip_forward", "1")
                .command("node-1", List.of("true"), "nothing")
                .fault("bridge-nf-call-iptables-off", Map.of("node", "node-1"))
                .capture("node-1", "cni0", "tcp")
                .expect("bridge-netfilter-off", Map.of("node", "node-1"))
                .build();

        assertThat(scenario.name()).isEqualTo("my-bridge");
        assertThat(scenario.cluster().podsPerNode()).isEqualTo(2);
        assertThat(scenario.fault().params()).containsEntry("node", "node-1");
        assertThat(scenario.expectation().cause()).isEqualTo("bridge-netfilter-off");
        assertThat(scenario.captures()).singleElement().satisfies(c -> assertThat(c.device()).isEqualTo("cni0"));
        assertThat(scenario.setup().sysctls()).hasSize(1);
        assertThat(scenario.setup().commands()).hasSize(1);
        assertThat(scenario.variantNames()).containsExactly("default");
    }

    @Test
    void refusesAnIncompleteOrUnknownFaultWithOneLine() {
        assertThatThrownBy(() -> ScenarioBuilder.named("x").fault("bridge-nf-call-iptables-off", Map.of()).build())
                .hasMessage("scenario x needs a cluster (cluster(ClusterSpec))");
        assertThatThrownBy(() -> ScenarioBuilder.named("x").cluster(ClusterSpec.of(1, 1, Datapath.BGP))
                .fault("no-such-fault", Map.of()).build())
                .hasMessageStartingWith("unknown fault 'no-such-fault'");
    }
}

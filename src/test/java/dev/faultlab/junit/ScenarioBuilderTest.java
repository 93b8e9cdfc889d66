package dev.faultlab.junit;

import dev.faultlab.fault.RoutingAgentKill;
import dev.faultlab.fault.TunnelMtuBlackhole;
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

    @Test
    void takesTypedFaultParametersAndChecksTheExpectationLikeAFile() {
        Scenario scenario = ScenarioBuilder.named("my-mtu")
                .cluster(ClusterSpec.of(2, 1, Datapath.IPIP).withClient("client"))
                .fault(new TunnelMtuBlackhole.Params(List.of("node-2"), 1400, "client"))
                .expect("tunnel-mtu-blackhole", Map.of("mtu", "1400"))
                .build();
        assertThat(scenario.fault().name()).isEqualTo("tunnel-mtu-blackhole");
        assertThat(scenario.fault().params()).containsEntry("nodes", "node-2").containsEntry("mtu", "1400")
                .containsEntry("filter-icmp", "true");

        assertThatThrownBy(() -> ScenarioBuilder.named("x").cluster(ClusterSpec.of(1, 1, Datapath.BGP))
                .fault("tunnel-mtu-blackhole", Map.of("nodes", "node-1", "client", "c", "mut", "1400")).build())
                .hasMessage("fault tunnel-mtu-blackhole has no parameter 'mut'; known: nodes, mtu, pods, pod-mtu,"
                        + " device, client, filter-icmp");
        assertThatThrownBy(() -> ScenarioBuilder.named("x").cluster(ClusterSpec.of(1, 1, Datapath.BGP))
                .fault(new RoutingAgentKill.Params("node-1", "kill", 30))
                .expect("route-missing", Map.of("nodee", "node-1")).build())
                .hasMessage("'nodee' is not an attribute of cause route-missing; known: direction, node, podCidr,"
                        + " sender");
        assertThatThrownBy(() -> ScenarioBuilder.named("x").cluster(ClusterSpec.of(1, 1, Datapath.BGP))
                .fault(new RoutingAgentKill.Params("node-1", "kill", 30))
                .expect("route-mising", Map.of()).build())
                .hasMessageStartingWith("unknown cause 'route-mising': use one of ");
    }
}

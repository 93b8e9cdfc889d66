package com.example.checkout;

import dev.faultlab.fault.BridgeNetfilterOff;
import dev.faultlab.junit.FaultScenario;
import dev.faultlab.junit.ScenarioBuilder;
import dev.faultlab.scenario.Scenario;
import dev.faultlab.scenario.ScenarioResult;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.Datapath;
import dev.faultlab.topology.ServiceSpec;
import dev.faultlab.workload.ClientSpec;
import dev.faultlab.workload.ServerSpec;
import dev.faultlab.workload.WorkloadPlan;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A scenario built in code with ScenarioBuilder, no YAML at all. */
@FaultScenario(factory = "cartToInventory")
class CodeBuiltScenarioTest {
    static Scenario cartToInventory() {
        return ScenarioBuilder.named("cart-to-inventory")
                .title("cart cannot reach inventory on its own node")
                .cluster(ClusterSpec.of(1, 2, Datapath.FLANNEL_VXLAN)
                        .withService(ServiceSpec.clusterIp("inventory", "tcp", 80, 9090, List.of("pod-1-b"))))
                .workload(new WorkloadPlan(
                        List.of(new ServerSpec("pod-1-b", "tcp-server", Map.of("port", "9090"))),
                        List.of(new ClientSpec("pod-1-a", "tcp-client", List.of("service/inventory"),
                                Map.of("count", "2", "parallel", "2", "connect-timeout-ms", "2500"))),
                        false, null))
                .fault(new BridgeNetfilterOff.Params("node-1"))
                .capture("node-1", "cni0", "tcp")
                .expect("bridge-netfilter-off", Map.of("node", "node-1"))
                .build();
    }

    @Test
    void namesTheCause(ScenarioResult result) {
        assertThat(result.passed()).as(result.verdict()).isTrue();
        assertThat(result.scenario().name()).isEqualTo("cart-to-inventory");
    }
}

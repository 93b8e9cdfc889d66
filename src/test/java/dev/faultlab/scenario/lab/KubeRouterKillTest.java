package dev.faultlab.scenario.lab;

import dev.faultlab.junit.FaultScenario;
import dev.faultlab.scenario.ScenarioResult;

import static org.assertj.core.api.Assertions.assertThat;

@FaultScenario("kube-router-kill")
class KubeRouterKillTest extends ScenarioLabTest {
    @Override
    void checkFaultRun(ScenarioResult result) {
        // only traffic into node-3 fails: pod-1-a still reaches node-2's pod
        assertThat(result.notes()).containsEntry("pod-1-a -> 10.244.2.2:8080", "2/2 ok")
                .containsEntry("pod-1-a -> 10.244.3.2:8080", "0/2 ok (timeout@connect 2)");
    }
}

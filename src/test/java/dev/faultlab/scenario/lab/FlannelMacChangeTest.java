package dev.faultlab.scenario.lab;

import dev.faultlab.junit.FaultScenario;
import dev.faultlab.scenario.ScenarioResult;

import static org.assertj.core.api.Assertions.assertThat;

@FaultScenario("flannel-mac-change")
class FlannelMacChangeTest extends ScenarioLabTest {
    @Override
    void checkFaultRun(ScenarioResult result) {
        // one replica of three answers (the peer whose agent saw the new MAC) ...
        assertThat(result.notes()).containsEntry("pod-1-a -> 10.244.2.2:53", "3/3 ok")
                .containsEntry("pod-1-a -> 10.244.3.2:53", "0/3 ok (timeout@reply 3)")
                .containsEntry("pod-1-a -> 10.244.4.2:53", "0/3 ok (timeout@reply 3)");
        // ... and after the stale agents restart, all three do
        assertThat(result.notes()).containsEntry("after heal: pod-1-a -> 10.244.3.2:53", "3/3 ok")
                .containsEntry("after heal: pod-1-a -> 10.244.4.2:53", "3/3 ok");
    }
}

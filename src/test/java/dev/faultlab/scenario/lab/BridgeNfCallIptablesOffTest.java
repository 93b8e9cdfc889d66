package dev.faultlab.scenario.lab;

import dev.faultlab.junit.FaultScenario;
import dev.faultlab.scenario.ScenarioResult;

import static org.assertj.core.api.Assertions.assertThat;

@FaultScenario("bridge-nf-call-iptables-off")
class BridgeNfCallIptablesOffTest extends ScenarioLabTest {
    @Override
    void checkFaultRun(ScenarioResult result) {
        assertThat(result.notes()).containsEntry("pod-1-a -> 10.96.0.10:80", "0/2 ok (timeout@connect 2)");
        assertThat(result.diagnosis().findings()).anyMatch(f -> "10.244.1.3".equals(f.attributes().get("podIp")));
    }
}

package dev.faultlab.scenario.lab;

import dev.faultlab.junit.FaultScenario;
import dev.faultlab.scenario.ScenarioResult;

import static org.assertj.core.api.Assertions.assertThat;

@FaultScenario("nat-timestamp-clients")
class NatTimestampClientsTest extends ScenarioLabTest {
    @Override
    void checkFaultRun(ScenarioResult result) {
        // every rejected SYN came from node-1's one SNAT address and port
        assertThat(result.diagnosis().findings()).anyMatch(f -> "192.168.100.11:40000".equals(f.attributes().get("client")));
    }
}

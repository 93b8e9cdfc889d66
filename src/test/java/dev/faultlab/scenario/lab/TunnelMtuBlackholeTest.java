package dev.faultlab.scenario.lab;

import dev.faultlab.junit.FaultScenario;
import dev.faultlab.scenario.ScenarioResult;

import static org.assertj.core.api.Assertions.assertThat;

@FaultScenario("tunl0-mtu-blackhole")
class TunnelMtuBlackholeTest extends ScenarioLabTest {
    @Override
    void checkFaultRun(ScenarioResult result) {
        // connected, but the reply never comes: the 1398-byte write is lost for good
        assertThat(result.notes()).containsEntry("client -> 192.168.100.11:30080", "0/1 ok (timeout@reply 1)");
        assertThat(result.diagnosis().findings()).anyMatch(f -> "1450".equals(f.attributes().get("segmentSize")));
    }

    @Override
    void checkVariantRun(String variant, ScenarioResult result) {
        assertThat(result.notes()).containsEntry("client -> 192.168.100.11:30080", "1/1 ok");
    }
}

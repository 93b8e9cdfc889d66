package dev.faultlab.scenario.lab;

import dev.faultlab.junit.FaultScenario;
import dev.faultlab.scenario.ScenarioResult;

import static org.assertj.core.api.Assertions.assertThat;

@FaultScenario("nodeport-snat-tuple-reuse")
class NodePortSnatTupleReuseTest extends ScenarioLabTest {
    @Override
    void checkFaultRun(ScenarioResult result) {
        assertThat(result.diagnosis().findings()).filteredOn(f -> f.cause().equals("timewait-syn-rejected"))
                .allSatisfy(f -> assertThat(f.remediation()).contains("externalTrafficPolicy"));
    }

    @Override
    void checkVariantRun(String variant, ScenarioResult result) {
        assertThat(result.notes()).containsEntry("lb -> 192.168.100.12:30080", "40/40 ok");
    }
}

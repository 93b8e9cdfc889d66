package dev.faultlab.scenario.lab;

import dev.faultlab.junit.FaultScenario;
import dev.faultlab.scenario.ScenarioResult;

import static org.assertj.core.api.Assertions.assertThat;

@FaultScenario("listen-backlog-overflow")
class ListenBacklogOverflowTest extends ScenarioLabTest {
    private static final String FLOW = "pod-1-a -> 10.244.2.2:10086";

    @Override
    void checkFaultRun(ScenarioResult result) {
        assertThat(result.notes().get(FLOW)).startsWith("0/13 ok").contains("reset@reply 4");
    }

    @Override
    void checkVariantRun(String variant, ScenarioResult result) {
        String expected = variant.equals("abort-on-overflow") ? "reset@reply 8" : "timeout@connect";
        assertThat(result.notes().get(FLOW)).contains(expected);
        if (variant.equals("syncookies-off")) {
            assertThat(result.notes().get(FLOW)).doesNotContain("reset");
        }
    }
}

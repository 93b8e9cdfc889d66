package dev.faultlab.scenario.lab;

import dev.faultlab.junit.FaultScenario;
import dev.faultlab.scenario.ScenarioResult;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

@FaultScenario("listen-backlog-overflow")
class ListenBacklogOverflowTest extends ScenarioLabTest {
    private static final String FLOW = "pod-1-a -> 10.244.2.2:10086";
    private static final Pattern RESETS = Pattern.compile("reset@reply (\\d+)");

    @Override
    void checkFaultRun(ScenarioResult result) {
        // measured: 4 cookie clients reset, 9 time out; at most the 5 cookie clients of the burst can be reset
        assertThat(result.notes().get(FLOW)).startsWith("0/13 ok").contains("timeout@reply");
        assertThat(resets(result)).isBetween(1, 5);
    }

    @Override
    void checkVariantRun(String variant, ScenarioResult result) {
        if (variant.equals("abort-on-overflow")) {
            // measured: 8; the ACKs that hit the full queue are reset on top of the cookie clients
            assertThat(resets(result)).isGreaterThanOrEqualTo(6);
        } else {
            assertThat(result.notes().get(FLOW)).contains("timeout@connect").doesNotContain("reset");
        }
    }

    private static int resets(ScenarioResult result) {
        Matcher m = RESETS.matcher(result.notes().get(FLOW));
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}

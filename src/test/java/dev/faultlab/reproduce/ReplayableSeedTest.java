package dev.faultlab.reproduce;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** A seed is replayed from the JUnit configuration parameter, and a failure says how to replay it. */
class ReplayableSeedTest {
    static final List<Long> DRAWN = new CopyOnWriteArrayList<>();

    /** Run only through the test kit below (surefire skips nested classes): draws, then fails on purpose. */
    @ExtendWith(ReplayableSeed.class)
    static class DrawsAndFails {
        @Test
        void draws(ReplayableSeed.Seed seed) {
            DRAWN.add(seed.value());
            assertThat(seed.random().nextInt(100)).isNegative();
        }
    }

    private static EngineExecutionResults run(String seed) {
        DRAWN.clear();
        var kit = EngineTestKit.engine("junit-jupiter").selectors(selectClass(DrawsAndFails.class));
        return (seed == null ? kit : kit.configurationParameter(ReplayableSeed.PARAMETER, seed)).execute();
    }

    private static String failure(EngineExecutionResults results) {
        return results.testEvents().failed().stream().findFirst().orElseThrow().getPayload(
                org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow()
                .getMessage();
    }

    @Test
    void theConfigurationParameterReplaysTheSeedAndTheFailureSaysSo() {
        EngineExecutionResults results = run("4242");
        assertThat(DRAWN).containsExactly(4242L);
        assertThat(failure(results)).contains("seed 4242 (replayed); replay with -Dfaultlab.roundtrip.seed=4242");
    }

    @Test
    void withoutItEachRunDrawsAFreshSeedAndNamesItInTheFailure() {
        String first = failure(run(null));
        long seed = DRAWN.get(0);
        assertThat(first).contains("replay with -Dfaultlab.roundtrip.seed=" + seed).doesNotContain("(replayed)");
        run(null);
        assertThat(DRAWN.get(0)).isNotEqualTo(seed);
    }

    @Test
    void aSeedThatIsNotANumberIsOneLine() {
        EngineExecutionResults results = run("abc");
        assertThat(DRAWN).isEmpty();
        assertThat(failure(results)).contains("faultlab.roundtrip.seed must be a whole number").contains("'abc'");
    }
}

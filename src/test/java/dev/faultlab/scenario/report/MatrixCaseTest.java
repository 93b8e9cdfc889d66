package dev.faultlab.scenario.report;

import dev.faultlab.scenario.RunOptions;
import dev.faultlab.scenario.ScenarioCatalog;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MatrixCaseTest {
    private final List<MatrixCase> cases =
            MatrixCase.of(ScenarioCatalog.load(Path.of("src/test/resources/junit-catalog")).all());

    @Test
    void everyVariantRunsWithAndWithoutItsFault() {
        assertThat(cases).extracting(MatrixCase::slug).containsExactly(
                "broken-route-fault", "broken-route-no-fault",
                "quiet-lab-fault", "quiet-lab-no-fault", "quiet-lab-two-nodes-fault", "quiet-lab-two-nodes-no-fault");
    }

    @Test
    void onlyAFaultRunOfAVariantThatExpectsACauseExpectsOne() {
        assertThat(cases).extracting(MatrixCase::expectedCause)
                .containsExactly("route-missing", null, null, null, null, null);
    }

    @Test
    void theDefaultSetupRunsWithoutAVariantName() {
        RunOptions base = RunOptions.defaults(Path.of("out"));
        assertThat(cases.get(2).apply(base).variant()).isNull();
        assertThat(cases.get(4).apply(base).variant()).isEqualTo("two-nodes");
        assertThat(cases.get(5).apply(base).noFault()).isTrue();
    }
}

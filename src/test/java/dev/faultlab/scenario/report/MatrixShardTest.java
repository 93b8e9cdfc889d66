package dev.faultlab.scenario.report;

import dev.faultlab.scenario.ScenarioCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MatrixShardTest {
    private final List<MatrixCase> cases = MatrixCase.of(ScenarioCatalog.builtIn().all());

    @Test
    void threeShardsCoverEveryCaseExactlyOnce() {
        List<MatrixCase> together = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            List<MatrixCase> shard = MatrixShard.parse(i + "/3").select(cases);
            assertThat(shard.size()).as("shard %d/3 of %d", i, cases.size())
                    .isBetween(cases.size() / 3, cases.size() / 3 + 1);
            together.addAll(shard);
        }

        assertThat(together).hasSameSizeAs(cases).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(cases);
    }

    @Test
    void theSplitIsTheSameEveryTimeAndForEveryShardCount() {
        List<MatrixCase> reloaded = MatrixCase.of(ScenarioCatalog.builtIn().all());
        for (int n = 1; n <= cases.size() + 1; n++) {
            List<MatrixCase> together = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                MatrixShard shard = new MatrixShard(i, n);
                assertThat(shard.select(cases)).isEqualTo(shard.select(reloaded));
                together.addAll(shard.select(cases));
            }
            assertThat(together).as("%d shards", n).containsExactlyInAnyOrderElementsOf(cases);
        }
    }

    @Test
    void twoShardsEachGetFaultRunsAndBaselines() {
        for (int i = 1; i <= 2; i++) {
            assertThat(new MatrixShard(i, 2).select(cases)).extracting(MatrixCase::noFault).contains(true, false);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"4/3", "0/3", "1/0"})
    void aShardThatDoesNotExistIsOneLineNamingTheForm(String text) {
        assertThatThrownBy(() -> MatrixShard.parse(text))
                .hasMessage("--shard " + text + " does not exist: use I/N with 1 <= I <= N, e.g. --shard 1/3,"
                        + " --shard 2/3 and --shard 3/3 for three jobs");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "1-3", "a/b", "", "-1/3"})
    void somethingElseIsNotIOverN(String text) {
        assertThatThrownBy(() -> MatrixShard.parse(text)).hasMessageStartingWith("--shard '" + text + "' is not I/N");
    }
}

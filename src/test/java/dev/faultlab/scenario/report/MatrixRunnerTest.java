package dev.faultlab.scenario.report;

import dev.faultlab.scenario.RunOptions;
import dev.faultlab.scenario.Scenario;
import dev.faultlab.scenario.ScenarioCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Labs side by side on the fake backend (test class path): outcomes in case order, a broken case stays its own. */
class MatrixRunnerTest {
    @TempDir
    Path out;

    @Test
    void aBrokenCaseFailsAloneWhileTheOthersRunBesideIt() {
        Scenario quiet = ScenarioCatalog.load(Path.of("src/test/resources/junit-catalog")).find("quiet-lab");
        List<MatrixCase> cases = new ArrayList<>(MatrixCase.of(List.of(quiet)));
        cases.add(1, new MatrixCase(quiet, "no-such-variant", false));
        List<String> progress = Collections.synchronizedList(new ArrayList<>());
        List<String> heard = new ArrayList<>();

        ConfusionMatrix matrix = new MatrixRunner(RunOptions.defaults(out).withBackend("fake").withProgress(progress::add),
                out, MatrixParallelism.explicit(3)).run(cases, o -> heard.add(o.displayName()));

        assertThat(matrix.outcomes()).extracting(MatrixOutcome::displayName)
                .containsExactlyElementsOf(cases.stream().map(MatrixCase::displayName).toList());
        assertThat(heard).containsExactlyInAnyOrderElementsOf(cases.stream().map(MatrixCase::displayName).toList());
        MatrixOutcome broken = matrix.outcomes().get(1);
        assertThat(broken.passed()).isFalse();
        assertThat(broken.error()).contains("no variant 'no-such-variant'");
        assertThat(broken.report()).isNull();
        List<MatrixOutcome> others = new ArrayList<>(matrix.outcomes());
        others.remove(1);
        assertThat(others).allSatisfy(o -> {
            assertThat(o.passed()).as(o.verdict()).isTrue();
            assertThat(out.resolve(o.report())).isRegularFile();
        });
        assertThat(others).extracting(MatrixOutcome::report).doesNotHaveDuplicates();
        assertThat(progress).isNotEmpty().allSatisfy(line -> assertThat(line).contains(" · "));
    }
}

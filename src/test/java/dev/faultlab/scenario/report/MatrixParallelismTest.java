package dev.faultlab.scenario.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MatrixParallelismTest {
    private static final long GIB = 1024L * 1024 * 1024;

    @Test
    void coresBoundItWhenMemoryIsPlenty() {
        MatrixParallelism p = MatrixParallelism.forMachine(2, OptionalLong.of(20 * GIB), 30);

        assertThat(p.labs()).isEqualTo(2 * MatrixParallelism.LABS_PER_CORE);
        assertThat(p.why()).contains("2 cores").contains("timers").contains("20.0 GiB available").contains("30 cases");
    }

    @Test
    void memoryAndCasesBoundItToo() {
        assertThat(MatrixParallelism.forMachine(16, OptionalLong.of(GIB), 30).labs()).isEqualTo(2);
        assertThat(MatrixParallelism.forMachine(16, OptionalLong.of(GIB / 4), 30).labs()).isEqualTo(1);
        assertThat(MatrixParallelism.forMachine(16, OptionalLong.empty(), 3).labs()).isEqualTo(3);
        assertThat(MatrixParallelism.forMachine(1, OptionalLong.empty(), 30).labs()).isEqualTo(2);
    }

    @Test
    void readsMemAvailable(@TempDir Path dir) throws IOException {
        Path meminfo = Files.writeString(dir.resolve("meminfo"), "MemTotal:  2048 kB\nMemAvailable:    1024 kB\n");

        assertThat(MatrixParallelism.availableMemory(meminfo)).hasValue(1024 * 1024);
        assertThat(MatrixParallelism.availableMemory(dir.resolve("none"))).isEmpty();
    }

    @Test
    void zeroLabsIsOneLineNamingTheFix() {
        assertThatThrownBy(() -> MatrixParallelism.explicit(0)).hasMessage("--parallel 0 runs nothing: give 1 (one"
                + " lab at a time) or more, or leave it out to size it to the machine");
    }
}

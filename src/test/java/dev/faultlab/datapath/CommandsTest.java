package dev.faultlab.datapath;

import dev.faultlab.backend.ExecResult;
import dev.faultlab.LabException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandsTest {
    @Test
    void feedsStandardInputAndCollectsOutput() {
        ExecResult result = Commands.run(List.of("cat"), "ip batch line\n", Duration.ofSeconds(5));
        assertThat(result.ok()).isTrue();
        assertThat(result.stdout()).isEqualTo("ip batch line\n");
    }

    @Test
    void returnsWhenTheCommandExitsEvenIfABackgroundChildKeepsThePipe() {
        long start = System.nanoTime();
        ExecResult result = Commands.run(List.of("bash", "-c", "sleep 3 & echo started"), null,
                Duration.ofSeconds(10));
        assertThat(result.stdout()).isEqualTo("started\n");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void killsACommandThatOutlivesItsTimeout() {
        ExecResult result = Commands.run(List.of("sleep", "20"), null, Duration.ofMillis(200));
        assertThat(result.exitCode()).isEqualTo(124);
        assertThat(result.stderr()).contains("timed out after 200 ms");
    }

    @Test
    void aMissingProgramIsOneLineNamingTheFix() {
        assertThatThrownBy(() -> Commands.run(List.of("no-such-tool-xyz")))
                .isInstanceOf(LabException.class)
                .hasMessageStartingWith("no-such-tool-xyz cannot be run").hasMessageContaining("faultlab doctor");
    }
}

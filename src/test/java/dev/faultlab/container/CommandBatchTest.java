package dev.faultlab.container;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The batch runs here with the machine's bash, exactly as it runs in a node container. */
class CommandBatchTest {
    @Test
    void runsEveryCommandInOrderKeepingArgumentsIntact(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        String hostile = "a b; rm -rf / $(reboot) \"q\" 'x'";
        Result r = run(List.of(
                List.of("sh", "-c", "printf '%s\\n' \"$1\" >> \"$0\"", out.toString(), "first"),
                List.of("sh", "-c", "printf '%s\\n' \"$1\" >> \"$0\"", out.toString(), hostile)));
        assertThat(r.exit).isZero();
        assertThat(Files.readAllLines(out)).containsExactly("first", hostile);
    }

    @Test
    void stopsAtTheFirstFailureAndNamesIt(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("never");
        Result r = run(List.of(List.of("true"), List.of("false"), List.of("touch", marker.toString())));
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.stderr).contains("failed (exit 1): false");
        assertThat(marker).doesNotExist();
    }

    @Test
    void refusesACommandContainingTheSeparator() {
        assertThatThrownBy(() -> CommandBatch.of(List.of(List.of("echo", CommandBatch.SEPARATOR))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private record Result(int exit, String stderr) {
    }

    private static Result run(List<List<String>> commands) throws Exception {
        Process p = new ProcessBuilder(CommandBatch.of(commands)).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), err);
    }
}

package dev.faultlab.workload;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkloadArgsTest {
    @Test
    void theKnownOptionsAreTheOnesTheWorkloadBinaryParses() throws IOException {
        String source = Files.readString(Path.of("images/workload/faultlab-workload.c"));
        Matcher m = Pattern.compile("(?:FLAG|INT|STR)\\(\"--([a-z-]+)\"").matcher(source);
        Set<String> parsed = new TreeSet<>();
        while (m.find()) {
            parsed.add(m.group(1));
        }
        parsed.remove("targets");
        assertThat(new TreeSet<>(WorkloadArgs.OPTIONS)).isEqualTo(parsed);
    }

    @Test
    void aMisspeltOptionIsRefused() {
        WorkloadArgs.check(Map.of("count", "3", "connect-timeout-ms", "2500"));
        assertThatThrownBy(() -> WorkloadArgs.check(Map.of("cont", "3")))
                .hasMessageStartingWith("'cont' is not a workload option; known: close-first, ");
    }
}

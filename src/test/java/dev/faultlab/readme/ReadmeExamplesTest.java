package dev.faultlab.readme;

import dev.faultlab.fault.FaultSpec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The README's "Writing a fault" and "Writing a datapath" examples are compiled code: each is the body of a source
 * file (this package's {@link IpForwardOff}, the shipped {@code IpipDatapath}), checked here word for word.
 */
class ReadmeExamplesTest {
    @Test
    void theFaultExampleIsIpForwardOffAndWorks() throws IOException {
        assertThat(body(Path.of("src/test/java/dev/faultlab/readme/IpForwardOff.java")))
                .isEqualTo(javaBlockUnder("### Writing a fault"));
        IpForwardOff fault = new IpForwardOff();
        assertThat(fault.bind(new FaultSpec("ip-forward-off", Map.of("node", "node-1"))))
                .isEqualTo(new IpForwardOff.Params("node-1", 0));
        assertThatThrownBy(() -> fault.bind(new FaultSpec("ip-forward-off", Map.of("nod", "node-1"))))
                .hasMessage("fault ip-forward-off has no parameter 'nod'; known: node, value");
    }

    @Test
    void theDatapathExampleIsTheShippedIpipDefinition() throws IOException {
        assertThat(body(Path.of("src/main/java/dev/faultlab/datapath/IpipDatapath.java")))
                .isEqualTo(javaBlockUnder("### Writing a datapath"));
    }

    /** The first ```java block after {@code heading} in README.md. */
    private static String javaBlockUnder(String heading) throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int at = readme.indexOf("\n" + heading + "\n");
        assertThat(at).as(heading + " in README.md").isNotNegative();
        Matcher m = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(m.find(at)).as("a java block under " + heading).isTrue();
        return m.group(1).strip();
    }

    /** A source file without its package and import lines. */
    private static String body(Path source) throws IOException {
        return Files.readString(source).replaceAll("(?m)^(package|import) [^\n]*;\n", "").strip();
    }
}

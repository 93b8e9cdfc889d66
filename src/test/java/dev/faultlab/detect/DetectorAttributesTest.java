package dev.faultlab.detect;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each detector's declared attribute names (what scenario expectations are checked against when they load) are
 * exactly the names its source passes to {@code attribute("...")}, so the declaration cannot drift.
 */
class DetectorAttributesTest {
    private static final Pattern ATTRIBUTE = Pattern.compile("\\.attribute\\(\"([A-Za-z]+)\"");

    @Test
    void everyDetectorDeclaresTheAttributesItSets() throws IOException {
        assertThat(Diagnosis.loadDetectors()).isNotEmpty().allSatisfy(detector -> {
            Path source = Path.of("src/main/java", detector.getClass().getName().replace('.', '/') + ".java");
            Set<String> set = new TreeSet<>();
            try {
                Matcher m = ATTRIBUTE.matcher(Files.readString(source));
                while (m.find()) {
                    set.add(m.group(1));
                }
            } catch (IOException e) {
                throw new AssertionError("cannot read " + source, e);
            }
            assertThat(new TreeSet<>(detector.attributes())).as(detector.cause()).isNotEmpty().isEqualTo(set);
        });
    }

    @Test
    void aCauseNoDetectorReportsIsRefusedWithTheKnownOnes() {
        assertThat(Diagnosis.detectorOf("route-missing").cause()).isEqualTo("route-missing");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Diagnosis.detectorOf("route-mising"))
                .hasMessageStartingWith("unknown cause 'route-mising': use one of ").hasMessageContaining("route-missing");
    }
}

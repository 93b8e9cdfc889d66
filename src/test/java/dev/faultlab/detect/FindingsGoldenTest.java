package dev.faultlab.detect;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON report of every recorded capture (lab runs, real incidents, the real captures of the reader tests,
 * the public captures in ../shared/captures) and of every built incident case must stay byte-identical to the
 * golden files in src/test/resources/golden-findings, which were written by the code before the diagnosis was
 * made faster. A change that is meant to alter findings regenerates them with {@link #main} and shows the
 * difference in review:
 * {@code java -cp target/classes:target/test-classes:<test classpath> dev.faultlab.detect.FindingsGoldenTest}.
 */
class FindingsGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden-findings");
    private static final Path SHARED_CAPTURES = Path.of("../shared/captures");

    @TempDir
    Path built;

    /** One diagnosis to pin: its golden file name, the inputs, and the directories to print relative. */
    record Case(String name, List<Path> captures, List<Path> states, Path root, String rootLabel) {
        String golden() {
            return name + ".json";
        }

        /** The report as JSON with input directories made relative, or the one-line error it fails with. */
        String render() {
            String text;
            try {
                text = Diagnosis.analyze(captures, states).toJson();
            } catch (RuntimeException e) {
                text = "error: " + e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            text = text.replace(root.toAbsolutePath().normalize().toString(), "<" + rootLabel + ">")
                    .replace(root.toString(), "<" + rootLabel + ">");
            return text + "\n";
        }
    }

    @TestFactory
    Stream<DynamicTest> findingsAreUnchanged() throws Exception {
        return cases(built).stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Path golden = GOLDEN.resolve(c.golden());
            assertThat(golden).as("golden file for " + c.name()).exists();
            assertThat(c.render()).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
        }));
    }

    /** Writes the golden files from the code as it is now. */
    public static void main(String[] args) throws Exception {
        Path scratch = Files.createTempDirectory("faultlab-golden-");
        try {
            for (Case c : cases(scratch)) {
                Path golden = GOLDEN.resolve(c.golden());
                Files.createDirectories(golden.getParent());
                Files.writeString(golden, c.render(), StandardCharsets.UTF_8);
            }
        } finally {
            try (Stream<Path> files = Files.walk(scratch)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static List<Case> cases(Path scratch) throws IOException, URISyntaxException {
        Path resources = Path.of(FindingsGoldenTest.class.getResource("/lab-runs").toURI()).getParent();
        List<Case> cases = new ArrayList<>();
        Path labRuns = resources.resolve("lab-runs");
        for (Path run : directories(labRuns)) {
            Path state = run.resolve("state");
            List<Path> states = Stream.of("before", "after").map(state::resolve).filter(Files::isDirectory).toList();
            cases.add(new Case("lab-runs/" + run.getFileName(), captures(run.resolve("captures")), states,
                    resources, "resources"));
        }
        for (Path incident : directories(resources.resolve("incidents"))) {
            List<Path> states = Stream.of("before", "after").map(incident::resolve).filter(Files::isDirectory)
                    .toList();
            cases.add(new Case("incidents/" + incident.getFileName(), captures(incident), states,
                    resources, "resources"));
        }
        // the real-shape fixtures (positives and look-alikes, from real kernels in namespaces)
        for (Path cause : directories(resources.resolve("fixtures"))) {
            for (Path fixture : directories(cause)) {
                List<Path> states = Stream.of("before", "after").map(fixture::resolve).filter(Files::isDirectory)
                        .toList();
                cases.add(new Case("fixtures/" + cause.getFileName() + "/" + fixture.getFileName(),
                        captures(fixture), states, resources, "resources"));
            }
        }
        for (Path capture : captures(resources.resolve("captures/real"))) {
            cases.add(new Case("captures-real/" + capture.getFileName(), List.of(capture), List.of(),
                    resources, "resources"));
        }
        if (Files.isDirectory(SHARED_CAPTURES)) {
            for (Path capture : list(SHARED_CAPTURES)) {
                if (!capture.getFileName().toString().endsWith(".md")) {
                    cases.add(new Case("shared-captures/" + capture.getFileName(), List.of(capture), List.of(),
                            SHARED_CAPTURES, "shared-captures"));
                }
            }
        }
        for (IncidentCase incident : new IncidentCases(scratch).all()) {
            cases.add(new Case("built/" + incident.name(), incident.captures(), incident.states(),
                    scratch, "built"));
        }
        return cases;
    }

    private static List<Path> captures(Path dir) throws IOException {
        return list(dir).stream().filter(p -> {
            String name = p.getFileName().toString();
            return name.endsWith(".pcap") || name.endsWith(".pcapng");
        }).toList();
    }

    private static List<Path> directories(Path dir) {
        return list(dir).stream().filter(Files::isDirectory).toList();
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.faultlab.detect;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The path causes' real-kernel fixtures (src/test/resources/fixtures/&lt;cause&gt;/&lt;case&gt;, recipe beside each
 * capture): every case named in a cause's README table is diagnosed, and the cause gets exactly the tier the
 * table gives it. Positives must be root causes with the table's attributes; look-alikes must not be a root
 * cause of any path cause (a suspect at most). A {@code +vlan} case is the named capture with 802.1Q tags.
 */
class PathFixturesTest {
    private static final List<String> PATH_CAUSES = List.of(Causes.TUNNEL_MTU_BLACKHOLE, Causes.VXLAN_STALE_NEIGHBOR,
            Causes.BRIDGE_NETFILTER_OFF);
    private static final String VLAN_SUFFIX = "+vlan";
    private static final int VLAN_ID = 120;

    @TempDir
    Path tagged;

    static Stream<Arguments> cases() throws IOException, URISyntaxException {
        Path root = Path.of(PathFixturesTest.class.getResource("/fixtures").toURI());
        List<Arguments> cases = new ArrayList<>();
        for (String cause : PATH_CAUSES) {
            for (String line : Files.readAllLines(root.resolve(cause).resolve("README.md"))) {
                String[] cells = line.split("\\|", -1);
                if (cells.length < 5 || !line.startsWith("| ") || cells[1].isBlank() || cells[1].contains("case")
                        || cells[1].contains("---")) {
                    continue;
                }
                cases.add(Arguments.of(cause, cells[1].strip(), cells[2].strip(), cells[3].strip(),
                        root.resolve(cause)));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("cases")
    void theCauseGetsTheTierItsReadmeGives(String cause, String name, String tier, String attributes, Path dir)
            throws IOException {
        boolean vlan = name.endsWith(VLAN_SUFFIX);
        Path caseDir = dir.resolve(vlan ? name.substring(0, name.length() - VLAN_SUFFIX.length()) : name);
        List<Path> captures = files(caseDir, p -> p.toString().endsWith(".pcap"));
        if (vlan) {
            List<Path> rewritten = new ArrayList<>();
            for (Path c : captures) {
                rewritten.add(VlanTagging.tag(c, tagged.resolve(c.getFileName()), VLAN_ID));
            }
            captures = rewritten;
        }
        List<Path> states = files(caseDir, p -> Files.isRegularFile(p.resolve("snapshot.json")));
        DiagnosisReport report = Diagnosis.analyze(captures, states);
        String text = TextReport.render(report);
        assertThat(captures.size() + states.size()).as("case %s has inputs", name).isPositive();
        assertThat(report.badFrames()).as(text).isZero();
        Optional<Finding> finding = report.findings().stream().filter(f -> f.cause().equals(cause)).findFirst();
        if (tier.equals("root-cause")) {
            // the expected cause, and no other: a second root cause on the same evidence would be an over-claim
            assertThat(report.rootCauses()).as(text).isNotEmpty().allMatch(f -> f.cause().equals(cause));
            // every fixture has one faulty node or path: two root causes would be one fault counted twice
            assertThat(report.rootCauses()).as(text).hasSize(1);
            assertThat(finding.orElseThrow().attributes()).as(text).containsAllEntriesOf(expected(attributes));
            assertThat(finding.get().evidence()).isNotEmpty();
        } else if (tier.equals("suspect")) {
            assertThat(finding).as(text).isPresent();
            assertThat(finding.get().tier()).as(text).isEqualTo(Tier.SUSPECT);
        } else {
            assertThat(tier).as("README row %s: tier root-cause, suspect or none", name).isEqualTo("none");
            assertThat(finding).as(text).isEmpty();
        }
        if (!tier.equals("root-cause")) {
            // a look-alike names no root cause at all, whichever detector would claim it
            assertThat(report.rootCauses()).as(text).isEmpty();
        }
    }

    private static Map<String, String> expected(String attributes) {
        return attributes.isEmpty() ? Map.of() : Arrays.stream(attributes.split(";")).map(kv -> kv.split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
    }

    private static List<Path> files(Path dir, java.util.function.Predicate<Path> wanted) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(wanted).sorted().toList();
        }
    }
}

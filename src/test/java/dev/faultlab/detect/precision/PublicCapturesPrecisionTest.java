package dev.faultlab.detect.precision;

import dev.faultlab.detect.Diagnosis;
import dev.faultlab.detect.DiagnosisReport;
import dev.faultlab.detect.Finding;
import dev.faultlab.detect.Tier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Precision over public captures from open-source test suites (../shared/captures, see its README): none is a
 * Kubernetes incident, so every detector must name no root cause on any of them unless the capture's README row
 * says it shows that failure, and no capture may crash the diagnosis (an unreadable file may be refused with a
 * one-line {@link IllegalArgumentException}).
 */
class PublicCapturesPrecisionTest {
    private static final Path CORPUS = Path.of("..", "shared", "captures");

    @TestFactory
    Stream<DynamicTest> namesNoRootCauseOnOrdinaryCaptures() throws IOException {
        Path readme = CORPUS.resolve("README.md");
        Assumptions.assumeTrue(Files.isRegularFile(readme), "no public capture corpus at " + CORPUS.toAbsolutePath()
                + " (CI puts shared/ beside the repository)");
        List<CorpusRow> rows = CorpusRow.parse(Files.readAllLines(readme));
        assertThat(rows).as("capture rows parsed from " + readme).isNotEmpty();
        return rows.stream().map(row -> DynamicTest.dynamicTest(row.file(), () -> check(row)));
    }

    private static void check(CorpusRow row) {
        Path capture = CORPUS.resolve(row.file());
        assertThat(capture).as("listed in the README").exists();
        DiagnosisReport report;
        try {
            report = Diagnosis.analyze(List.of(capture), List.of());
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).as("a refused capture gets one line naming the cause")
                    .isNotBlank().doesNotContain("\n");
            return;
        }
        List<String> claimed = new ArrayList<>();
        for (Finding f : report.findings()) {
            if (f.tier() != Tier.SYMPTOM) {
                System.out.println("precision " + row.file() + ": " + f.tier().id() + " " + f.cause()
                        + (f.isRootCause() ? "" : " open=" + f.openLookAlikes().stream()
                        .map(c -> c.lookAlike().id()).toList()));
            }
            if (f.isRootCause() && !row.shows(f.cause())) {
                claimed.add(f.cause() + ": " + f.summary());
            }
        }
        assertThat(claimed).as(row.file() + " (" + row.description() + ") shows no such failure").isEmpty();
    }

    /**
     * One row of the README's file table.
     *
     * @param file        the capture's file name
     * @param description what the README says the capture holds
     */
    record CorpusRow(String file, String description) {
        /** Rows of the table under "## Files": the first cell is the back-quoted file name, the last the description. */
        static List<CorpusRow> parse(List<String> lines) {
            List<CorpusRow> rows = new ArrayList<>();
            boolean inFiles = false;
            for (String line : lines) {
                if (line.startsWith("## ")) {
                    inFiles = line.equals("## Files");
                }
                if (!inFiles || !line.startsWith("| `")) {
                    continue;
                }
                String[] cells = line.split("\\|");
                String file = cells[1].trim().replace("`", "");
                rows.add(new CorpusRow(file, cells[cells.length - 1].trim()));
            }
            return rows;
        }

        /** Whether the README says this capture shows the failure {@code cause} (by naming its id). */
        boolean shows(String cause) {
            return description.toLowerCase(Locale.ROOT).contains(cause);
        }
    }
}

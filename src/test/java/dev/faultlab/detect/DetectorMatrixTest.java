package dev.faultlab.detect;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every incident case against every detector: the expected cause is found with its attributes, and no other
 * detector speaks (except the syn-unanswered symptom where SYNs really go unanswered). Near misses name no root
 * cause (a look-alike may leave a suspect where the case allows it).
 */
class DetectorMatrixTest {
    @TempDir
    static Path dir;

    static List<IncidentCase> cases() {
        return new IncidentCases(dir).all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void onlyTheExpectedCauseIsReported(IncidentCase incident) {
        DiagnosisReport report = Diagnosis.analyze(incident.captures(), incident.states());
        Set<String> causes = report.findings().stream().map(Finding::cause).collect(Collectors.toSet());
        Set<String> allowed = new java.util.HashSet<>(incident.alsoAllowed());
        if (incident.expectedCause() != null) {
            allowed.add(incident.expectedCause());
            assertThat(report.topCause()).as(TextReport.render(report)).isEqualTo(incident.expectedCause());
            Finding finding = report.rootCauses().get(0);
            assertThat(finding.attributes()).as(TextReport.render(report))
                    .containsAllEntriesOf(incident.expectedAttributes());
            assertThat(finding.evidence()).isNotEmpty();
        } else {
            assertThat(report.rootCauses()).as(TextReport.render(report)).isEmpty();
        }
        assertThat(allowed).as(TextReport.render(report)).containsAll(causes);
        assertThat(report.badFrames()).isZero();
    }
}

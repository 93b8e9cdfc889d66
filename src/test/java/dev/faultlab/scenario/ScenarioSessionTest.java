package dev.faultlab.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a session does before any lab exists (the steps themselves run in the root scenario tests). */
class ScenarioSessionTest {
    @TempDir
    Path out;

    private final Scenario scenario = ScenarioCatalog.loadDefault().find("bridge-nf-call-iptables-off");

    @Test
    void openRemovesAnEarlierRunsEvidenceOnly() throws IOException {
        Path oldCapture = Files.createDirectories(out.resolve("captures")).resolve("node-1-cni0.pcapng");
        Files.writeString(oldCapture, "old");
        Path oldState = Files.createDirectories(out.resolve("state/after/node-1")).resolve("nstat.txt");
        Files.writeString(oldState, "old");
        Path report = Files.writeString(out.resolve("report.json"), "{}");

        try (ScenarioSession session = ScenarioSession.open(scenario, RunOptions.defaults(out))) {
            assertThat(session.setup()).isEqualTo(scenario.setup());
        }

        assertThat(out.resolve("captures")).doesNotExist();
        assertThat(out.resolve("state")).doesNotExist();
        assertThat(report).exists();
    }

    @Test
    void stepsOutOfOrderSayWhichStepIsMissing() {
        try (ScenarioSession session = ScenarioSession.open(scenario, RunOptions.defaults(out))) {
            assertThatThrownBy(session::cluster).hasMessage("the lab is not started: call startLab() first");
            assertThatThrownBy(session::result).hasMessage("no diagnosis yet: call diagnose() first");
        }
    }

    @Test
    void unknownVariantFailsBeforeAnythingIsBuilt() {
        assertThatThrownBy(() -> ScenarioSession.open(scenario, RunOptions.defaults(out).withVariant("nope")))
                .hasMessageContaining("scenario bridge-nf-call-iptables-off has no variant 'nope'");
    }

    @Test
    void baselineExpectsNothingAndTheFaultRunItsCause() {
        try (ScenarioSession withFault = ScenarioSession.open(scenario, RunOptions.defaults(out));
             ScenarioSession baseline = ScenarioSession.open(scenario, RunOptions.defaults(out).withNoFault(true))) {
            assertThat(withFault.expectation().cause()).isEqualTo("bridge-netfilter-off");
            assertThat(baseline.expectation()).isNull();
        }
    }
}

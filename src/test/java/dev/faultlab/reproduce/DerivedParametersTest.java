package dev.faultlab.reproduce;

import dev.faultlab.detect.Diagnosis;
import dev.faultlab.detect.Finding;
import dev.faultlab.detect.IncidentCase;
import dev.faultlab.detect.IncidentCases;
import dev.faultlab.scenario.ScenarioCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Values {@code reproduce} derives rather than copies, without a lab: the listen-overflow workload (a first wave
 * paced so the baseline cannot overflow, a burst sized from the connects the customer's listener turned away) and
 * the VXLAN port read from the customer's capture.
 */
class DerivedParametersTest {
    /** The workload server's listen() backlog when a scenario sets none ({@code images/workload}). */
    private static final int DEFAULT_BACKLOG = 128;
    private static final String WAVE_COUNT = "workload.clients[0].args.count";
    private static final String WAVE_PARALLEL = "workload.clients[0].args.parallel";
    private static final String BURST_COUNT = "workload.clients[1].args.count";

    @TempDir
    Path dir;

    private static ScenarioTemplate template(String name) {
        return ScenarioTemplate.of(ScenarioCatalog.loadDefault().find(name));
    }

    private static Map<String, FilledValue> byPath(List<FilledValue> values) {
        return values.stream().collect(Collectors.toMap(FilledValue::path, v -> v, (a, b) -> b));
    }

    private static int value(Map<String, FilledValue> values, String path) {
        return Integer.parseInt(values.get(path).value());
    }

    @Test
    void theBurstIsTheConnectsTheCustomersListenerTurnedAwayPlusTheTwoTheQueueStillTakes() {
        IncidentCase incident = new IncidentCases(dir).listenOverflow(true);
        Finding rootCause = Diagnosis.analyze(incident.captures(), incident.states()).rootCauses().get(0);
        int affected = Integer.parseInt(rootCause.attributes().get("affected"));
        int backlog = Integer.parseInt(rootCause.attributes().get("backlog"));
        Map<String, FilledValue> values = byPath(new ListenOverflowParameters().fill(rootCause,
                CustomerEvidence.of(incident.captures(), incident.states(), dir.resolve("work")),
                template("listen-backlog-overflow")));

        assertThat(value(values, BURST_COUNT)).isEqualTo(affected + 2);
        assertThat(value(values, "workload.clients[1].args.parallel")).isEqualTo(affected + 2);
        assertThat(values.get(BURST_COUNT).source()).contains("affected=" + affected).contains("turned away");
        assertThat(value(values, WAVE_COUNT)).isEqualTo(Math.max(1, backlog - 1));
        assertThat(value(values, WAVE_PARALLEL) + value(values, BURST_COUNT)).as("in flight without the fault")
                .isLessThan(DEFAULT_BACKLOG);
    }

    /**
     * Whatever the customer's backlog, the first wave fills it (backlog - 1 clients) in a bounded number of rounds,
     * no faster than the template's own wave and within the workload's parallel limit; for the backlogs the lab
     * reproduces, the wave and the largest burst in flight together stay below the default backlog, so the
     * baseline (the server accepting at once) cannot overflow.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 4, 27, 64, 128, 511, 4096})
    void theFirstWaveFillsTheBacklogAtABoundedPace(int backlog) {
        ScenarioTemplate template = template("listen-backlog-overflow");
        int templatePace = Integer.parseInt(template.get(WAVE_PARALLEL));
        Map<String, FilledValue> values = byPath(ListenOverflowParameters.firstWave(template, backlog));
        int count = value(values, WAVE_COUNT);
        int parallel = value(values, WAVE_PARALLEL);

        assertThat(count).isEqualTo(backlog - 1);
        assertThat(parallel).isBetween(1, Math.min(count, 256));
        assertThat(parallel).isGreaterThanOrEqualTo(Math.min(count, templatePace));
        if (count <= 12 * 256) {
            assertThat((count + parallel - 1) / parallel).as("rounds").isLessThanOrEqualTo(12);
        }
        if (backlog <= 511) {
            assertThat(parallel + 64).as("the wave and the largest burst in flight without the fault")
                    .isLessThan(DEFAULT_BACKLOG);
        }
    }

    @Test
    void theVxlanPortComesFromTheCustomersCaptureAndIsWrittenIntoTheVxlanCaptureFilters() {
        IncidentCase incident = new IncidentCases(dir).vxlanStaleNeighbor(true);
        VxlanPort port = VxlanPort.of(incident.captures()).orElseThrow();
        assertThat(port.port()).isEqualTo(8472);
        assertThat(port.source()).startsWith(incident.captures().get(0).getFileName() + " #")
                .contains(":8472").contains("VXLAN vni 1");

        ScenarioTemplate template = template("flannel-mac-change");
        List<FilledValue> filled = port.fill(template);
        assertThat(filled).extracting(FilledValue::path).containsExactly("captures[0].filter", "captures[1].filter");
        assertThat(filled).allSatisfy(v -> assertThat(v.value()).isEqualTo("udp port 8472"))
                .allSatisfy(v -> assertThat(v.source()).contains("the customer's VXLAN port"));
        assertThat(port.mismatch(template)).isEmpty();
    }

    @Test
    void aCustomerOnAnotherVxlanPortGetsANoteAndTheFiltersKeepTheLabsPort() {
        ScenarioTemplate template = template("flannel-mac-change");
        VxlanPort iana = new VxlanPort(4789, "node-1-eth0.pcap #3: 10.0.0.1:40000 > 10.0.0.2:4789 (VXLAN vni 1)");
        assertThat(iana.fill(template)).isEmpty();
        assertThat(iana.mismatch(template)).hasValueSatisfying(note -> assertThat(note)
                .contains("UDP 4789").contains("flannel-vxlan datapath carries it on 8472"));
        assertThat(VxlanPort.of(List.of())).isEmpty();
    }

    @Test
    void capturesWithoutVxlanShowNoPort() {
        IncidentCase incident = new IncidentCases(dir).listenOverflow(false);
        assertThat(VxlanPort.of(incident.captures())).isEmpty();
    }
}

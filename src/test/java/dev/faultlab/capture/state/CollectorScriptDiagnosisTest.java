package dev.faultlab.capture.state;

import dev.faultlab.capture.layout.StateLayout;
import dev.faultlab.detect.Diagnosis;
import dev.faultlab.detect.DiagnosisReport;
import dev.faultlab.detect.Finding;
import dev.faultlab.scenario.RunOptions;
import dev.faultlab.scenario.Scenario;
import dev.faultlab.scenario.ScenarioCatalog;
import dev.faultlab.scenario.ScenarioSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer path against the lab's own: a scenario runs with its fault, and at each snapshot both the lab's
 * Java collector and {@code ci/collect-node-state.sh} (run inside the node namespaces, {@link ScriptStateCollector})
 * write the host state. The same captures are then diagnosed with each, and every root cause the lab names from
 * its own state must be named from the script's too. Evidence stays in {@code target/faultlab/<class>/}.
 */
@Tag("root")
class CollectorScriptDiagnosisTest {
    private static final Path OUT = Path.of("target", "faultlab", CollectorScriptDiagnosisTest.class.getSimpleName());

    /** route-missing from the script's state rests on the routing table it wrote (it has no agent.json). */
    @Test
    void kubeRouterKill() {
        Diagnoses run = run("kube-router-kill", false);
        Finding routeMissing = run.fromScript().rootCauses().stream().filter(f -> f.cause().equals("route-missing"))
                .findFirst().orElseThrow();
        assertThat(routeMissing.attributes()).containsEntry("node", "node-3").containsEntry("podCidr", "10.244.3.0/24")
                .containsEntry("sender", "node-1");
        assertThat(routeMissing.evidence()).anyMatch(e -> e.source().equals("node-1/" + StateLayout.IP_ROUTE.name()));
    }

    /** Without the fault, the script's richer state (pod CIDRs, addresses) must not make a root cause up. */
    @Test
    void kubeRouterKillBaseline() {
        Diagnoses run = run("kube-router-kill", true);
        assertThat(run.fromScript().rootCauses()).as("%s", run.fromScript().findings()).isEmpty();
    }

    /** The stale entries are found in the script's ip-neigh.json, through the pod CIDRs in its host.json. */
    @Test
    void flannelMacChange() {
        Diagnoses run = run("flannel-mac-change", false);
        assertThat(run.fromScript().rootCauses()).filteredOn(f -> f.cause().equals("vxlan-stale-neighbor"))
                .singleElement().satisfies(f -> {
                    assertThat(f.attributes()).containsEntry("node", "node-1").containsEntry("staleOn", "node-3,node-4");
                    assertThat(f.evidence()).extracting(e -> e.source()).contains("node-3/" + StateLayout.IP_NEIGH.name(),
                            "node-4/" + StateLayout.IP_NEIGH.name());
                });
    }

    /** The server pod's counters come from the pod's namespace, entered by the script with -p POD=PID. */
    @Test
    void listenBacklogOverflow() {
        Diagnoses run = run("listen-backlog-overflow", false);
        assertThat(run.fromScript().rootCauses()).filteredOn(f -> f.cause().equals("listen-overflow"))
                .singleElement().satisfies(f -> assertThat(f.evidence())
                        .filteredOn(e -> e.source().equals("pod-2-a/" + StateLayout.NSTAT.name()))
                        .anySatisfy(e -> assertThat(e.detail()).startsWith("TcpExtListenOverflows rose by ")));
    }

    /** The other scenarios: whatever the lab's state names, the script's names too. */
    @ParameterizedTest
    @ValueSource(strings = {"tunl0-mtu-blackhole", "bridge-nf-call-iptables-off", "nat-timestamp-clients",
            "nodeport-snat-tuple-reuse"})
    void otherScenarios(String name) {
        run(name, false);
    }

    /** The two diagnoses of one run's captures: with the lab's state and with the script's. */
    private record Diagnoses(DiagnosisReport fromLab, DiagnosisReport fromScript) {
    }

    /**
     * Runs scenario {@code name} (with its fault unless {@code baseline}), snapshotting with both collectors, and
     * checks that the script's state names every root cause the lab's state names (with the fault, the
     * scenario's expected cause among them).
     */
    private static Diagnoses run(String name, boolean baseline) {
        Scenario scenario = ScenarioCatalog.loadDefault().find(name);
        Path out = OUT.resolve(name + (baseline ? "-no-fault" : "")).toAbsolutePath();
        List<Path> scriptStates = List.of(out.resolve("script-state/before"), out.resolve("script-state/after"));
        DiagnosisReport fromLab;
        DiagnosisReport fromScript;
        String expected;
        try (ScenarioSession session = ScenarioSession.open(scenario, RunOptions.defaults(out).withNoFault(baseline))) {
            session.startLab();
            StateCollector script = new ScriptStateCollector(session.cluster());
            session.startWorkload();
            session.startCaptures();
            session.snapshot("before");
            CollectedSnapshot before = script.snapshotAll(scriptStates.get(0), "before");
            session.injectFault();
            session.driveWorkload();
            session.snapshot("after");
            script.snapshotAll(scriptStates.get(1), "after");
            List<Path> captures = session.stopCaptures();
            fromLab = session.diagnose();
            fromScript = Diagnosis.analyze(captures, scriptStates);
            expected = baseline ? null : session.expectation().cause();
            // only kubectl may be missing in a lab: every other file of every host was written
            assertThat(before.warnings()).allMatch(w -> w.contains(StateLayout.KUBE_NODES.name()));
        }
        Set<String> labCauses = rootCauses(fromLab);
        if (expected != null) {
            assertThat(labCauses).as("root causes from the lab's own state: %s", fromLab.findings()).contains(expected);
        }
        assertThat(rootCauses(fromScript)).as("root causes from the collector script's state: %s",
                fromScript.findings()).containsAll(labCauses);
        return new Diagnoses(fromLab, fromScript);
    }

    private static Set<String> rootCauses(DiagnosisReport report) {
        Set<String> causes = new TreeSet<>();
        report.rootCauses().forEach(f -> causes.add(f.cause()));
        return causes;
    }
}

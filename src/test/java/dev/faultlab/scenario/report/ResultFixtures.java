package dev.faultlab.scenario.report;

import dev.faultlab.detect.DiagnosisReport;
import dev.faultlab.detect.Evidence;
import dev.faultlab.detect.Finding;
import dev.faultlab.detect.Tier;
import dev.faultlab.fault.FaultSpec;
import dev.faultlab.scenario.CapturePoint;
import dev.faultlab.scenario.Expectation;
import dev.faultlab.scenario.Scenario;
import dev.faultlab.scenario.ScenarioResult;
import dev.faultlab.scenario.ScenarioSession;
import dev.faultlab.scenario.ScenarioSetup;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.Datapath;
import dev.faultlab.workload.WorkloadPlan;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A finished tunnel-MTU run: real capture files in {@code outDir/captures}, the findings a detector would make. */
final class ResultFixtures {
    static final String CAUSE = "tunnel-mtu-blackhole";

    private ResultFixtures() {
    }

    static Scenario scenario() {
        ScenarioSetup setup = new ScenarioSetup(ClusterSpec.of(2, 1, Datapath.IPIP).withClient("client"), List.of(), List.of(),
                new WorkloadPlan(List.of(), List.of(), false, null), new FaultSpec(CAUSE, Map.of("node", "node-1")),
                List.of(new CapturePoint("client", "eth0", "tcp")), new Expectation(CAUSE, Map.of()), false);
        return new Scenario("tunl0-mtu-blackhole", "Tunnel MTU 1440 drops 1450-byte DF packets",
                "001 tunl0 MTU blackhole", "A 1398-byte segment never crosses the tunnel.",
                Path.of("lab-scenarios/tunl0-mtu-blackhole.yaml"), setup, List.of());
    }

    static ScenarioResult mtuRun(Path outDir, boolean passed) {
        List<Path> captures = CaptureFixtures.write(LabFixtures.mtuBlackhole(), outDir.resolve("captures"));
        Finding root = new Finding(CAUSE, Tier.ROOT_CAUSE, "node-1 routes 1450-byte DF packets into tunl0 (MTU 1440) and no ICMP "
                + "reaches the client",
                "The client's 1398-byte segment (IP length 1450, DF) is retransmitted while the pod SACKs the "
                        + "segment after it: the hole is exactly that segment.",
                "Allow ICMP fragmentation-needed back to clients, or clamp MSS to the tunnel MTU.", 0.9,
                List.of(new Evidence("client-eth0.pcapng", 4, LabFixtures.T0.plusMillis(10).toString(),
                                LabFixtures.CLIENT + ":40000 > " + LabFixtures.NODE1 + ":30080",
                                "1398-byte DF segment <never acknowledged> & retransmitted"),
                        new Evidence("node-1/ip-link.json", -1, null, null, "tunl0 mtu 1440")),
                Map.of("node", "node-1", "device", "tunl0", "mtu", "1440"));
        Finding symptom = new Finding("syn-unanswered", Tier.SYMPTOM, "3 SYNs to 10.244.2.2:8080 unanswered", "SYNs went out.",
                "Find the root cause.", 0.5, List.of(), Map.of());
        DiagnosisReport diagnosis = new DiagnosisReport(List.of(root, symptom), 17, 0, 0, 1,
                captures.stream().map(Path::toString).toList(), List.of(), List.of());
        return new ScenarioResult(scenario(), "default", true, CAUSE, diagnosis, outDir, captures,
                Map.of("before", outDir.resolve("state/before"), "after", outDir.resolve("state/after")),
                LabFixtures.layout(), Duration.ofMillis(21400), passed,
                (passed ? "PASS: " : "FAIL: ") + CAUSE + " named", List.of("[  0.0s] starting lab", "[ 21.4s] done"),
                Map.of(ScenarioSession.FAULT_INJECTED_AT, LabFixtures.T0.plusMillis(9).toString(),
                        "client -> 10.244.2.2:8080", "0/1 ok (timeout@write 1)"));
    }
}

package dev.faultlab.scenario;

import dev.faultlab.detect.DiagnosisReport;
import dev.faultlab.topology.ClusterLayout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one scenario run, everything a report or a test needs. Maps keep their insertion order.
 *
 * @param scenario      the scenario
 * @param variant       the variant run ({@code default} for the scenario's own setup)
 * @param faultInjected false for a baseline ({@link RunOptions#noFault()}) run
 * @param expectedCause the cause the diagnosis had to name, null when no root cause was expected
 * @param diagnosis     what the detectors said (null when the run failed before diagnosing)
 * @param outDir        the run's output directory
 * @param captures      the capture files written
 * @param stateDirs     snapshot label ({@code before}, {@code after}) to state directory
 * @param layout        the lab as it ran (null when it never started)
 * @param elapsed       wall time of the whole run
 * @param passed        whether the verdict is a pass
 * @param verdict       one line saying why it passed or failed
 * @param log           the progress lines of the run
 * @param notes         facts worth reporting: workload summaries ({@code "pod-1-a -> 10.244.3.2:8080"}
 *                      -> {@code "0/3 ok (timeout@connect 3)"}), heal results, backend notes
 */
public record ScenarioResult(Scenario scenario, String variant, boolean faultInjected, String expectedCause,
                             DiagnosisReport diagnosis, Path outDir, List<Path> captures, Map<String, Path> stateDirs,
                             ClusterLayout layout, Duration elapsed, boolean passed, String verdict, List<String> log,
                             Map<String, String> notes) {
    public ScenarioResult {
        captures = List.copyOf(captures);
        stateDirs = Collections.unmodifiableMap(new LinkedHashMap<>(stateDirs));
        log = List.copyOf(log);
        notes = Collections.unmodifiableMap(new LinkedHashMap<>(notes));
    }
}

package dev.faultlab.scenario.report;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one run of the fault matrix found.
 *
 * @param scenario      scenario name
 * @param variant       variant name, or null for the scenario's default
 * @param faultInjected false for the baseline run of the same lab without its fault
 * @param expectedCause the root cause the run must name, or null when it must name none
 * @param rootCauses    root causes found, with how many findings named each
 * @param symptoms      symptom findings (e.g. syn-unanswered), which never fail a run
 * @param elapsed       wall time of the run
 * @param report        where the run's report.html is (relative to the matrix output), or null
 * @param error         why the run could not complete, or null
 */
public record MatrixOutcome(String scenario, String variant, boolean faultInjected, String expectedCause,
                            Map<String, Integer> rootCauses, Map<String, Integer> symptoms, Duration elapsed,
                            String report, String error) {
    public MatrixOutcome {
        rootCauses = new TreeMap<>(rootCauses);
        symptoms = new TreeMap<>(symptoms);
    }

    /** {@code scenario} or {@code scenario/variant}. */
    public String row() {
        return variant == null ? scenario : scenario + "/" + variant;
    }

    /** {@code fault} or {@code no-fault}. */
    public String run() {
        return faultInjected ? "fault" : "no-fault";
    }

    /** The same name as the case it ran, e.g. {@code tunl0-mtu-blackhole/icmp-delivered · no fault}. */
    public String displayName() {
        return MatrixCase.displayName(row(), !faultInjected);
    }

    /** One line: why the run passed or failed, e.g. {@code expected route-missing, found none}. */
    public String verdict() {
        if (error != null) {
            return "could not run: " + error;
        }
        String found = rootCauses.isEmpty() ? "none" : rootCauses.toString();
        return (passed() ? "as expected: " : "expected ") + (expectedCause == null ? "no root cause" : expectedCause)
                + ", found " + found;
    }

    /** The expected cause was named, nothing else was, and the run completed. */
    public boolean passed() {
        if (error != null) {
            return false;
        }
        return expectedCause == null ? rootCauses.isEmpty()
                : rootCauses.keySet().equals(Set.of(expectedCause));
    }
}

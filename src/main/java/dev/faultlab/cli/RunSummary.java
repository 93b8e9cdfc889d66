package dev.faultlab.cli;

import dev.faultlab.detect.Evidence;
import dev.faultlab.detect.Finding;
import dev.faultlab.scenario.ScenarioResult;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The few lines a person reads after a run: verdict, cause, key evidence, fix, and where the report is. */
final class RunSummary {
    private static final int EVIDENCE_LINES = 3;

    private RunSummary() {
    }

    static void print(ScenarioResult r, Path report, PrintWriter out) {
        out.println();
        out.printf(Locale.ROOT, "%s  %s [%s%s] in %.1f s%n", r.passed() ? "PASS" : "FAIL", r.scenario().name(),
                r.variant(), r.faultInjected() ? "" : ", no fault", r.elapsed().toMillis() / 1000.0);
        out.println("  " + r.verdict());
        List<Finding> findings = r.diagnosis() == null ? List.of() : r.diagnosis().findings();
        List<Finding> rootCauses = findings.stream().filter(Finding::isRootCause).toList();
        if (rootCauses.isEmpty() && r.diagnosis() != null) {
            out.println("  cause: none named" + (findings.isEmpty() ? "" : " (symptom: " + findings.get(0).summary() + ")"));
        }
        for (Finding f : rootCauses) {
            out.println("  cause: " + f.cause() + " — " + f.summary());
            f.evidence().stream().limit(EVIDENCE_LINES).map(Evidence::describe)
                    .forEach(line -> out.println("    evidence: " + line));
            out.println("    fix: " + f.remediation());
        }
        out.println("  report: " + report);
        out.flush();
    }
}

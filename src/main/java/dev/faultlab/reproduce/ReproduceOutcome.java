package dev.faultlab.reproduce;

import dev.faultlab.detect.DiagnosisReport;
import dev.faultlab.detect.Finding;
import dev.faultlab.scenario.ScenarioResult;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code faultlab reproduce} did.
 *
 * @param customer     the diagnosis of the customer's evidence
 * @param rootCause    the root cause reproduced, or null when the evidence shows none
 * @param template     the built-in scenario the regenerated one started from, or null
 * @param scenarioFile the regenerated scenario, or null
 * @param filled       the values filled from the customer's facts, each with its source
 * @param faultRun     the lab run with the fault, or null when not run
 * @param baselineRun  the lab run without it, or null when not run
 * @param comparison   customer against lab, or null when not run
 * @param page         the comparison as HTML ({@link ComparisonPage}), or null when not run
 * @param notes        lines worth telling the user (gaps in the evidence, a fault without a heal)
 */
public record ReproduceOutcome(DiagnosisReport customer, Finding rootCause, String template, Path scenarioFile,
                               List<FilledValue> filled, ScenarioResult faultRun, ScenarioResult baselineRun,
                               Comparison comparison, Path page, List<String> notes) {
    public ReproduceOutcome {
        filled = List.copyOf(filled);
        notes = List.copyOf(notes);
    }

    public boolean hasRootCause() {
        return rootCause != null;
    }
}

package dev.faultlab.reproduce;

import dev.faultlab.detect.Finding;

import java.util.List;

/**
 * Fills the parameters of the scenario that reproduces one root cause from the customer's facts. One small class
 * per cause, listed in {@code META-INF/services/dev.faultlab.reproduce.CauseParameters}; a cause without one is
 * reproduced with the template's own parameters (and says so).
 */
public interface CauseParameters {
    /** The detector cause id this class fills parameters for, e.g. {@code tunnel-mtu-blackhole}. */
    String cause();

    /**
     * The values to write over {@code template}'s, each with its source. Values the customer's evidence does not
     * give are left out, so the template's stay.
     */
    List<FilledValue> fill(Finding rootCause, CustomerEvidence evidence, ScenarioTemplate template);
}

package dev.faultlab.reproduce;

import dev.faultlab.detect.Finding;

import java.util.List;
import java.util.Set;

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

    /**
     * Counters this cause's findings quote that rise or not with the clients' arrival timing, which neither the
     * evidence nor the scenario fixes: the comparison shows them and does not require them. Default: none, every
     * counter the customer's finding quotes must rise in the lab too.
     */
    default Set<String> arrivalTimingCounters() {
        return Set.of();
    }
}

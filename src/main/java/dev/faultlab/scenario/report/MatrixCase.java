package dev.faultlab.scenario.report;

import dev.faultlab.scenario.RunOptions;
import dev.faultlab.scenario.Scenario;
import dev.faultlab.scenario.ScenarioVariant;

import java.util.ArrayList;
import java.util.List;

/**
 * One cell row of the fault matrix: a scenario's variant run with or without its fault. The CLI's
 * {@code matrix} and the JUnit {@code @FaultMatrix} template enumerate the same cases.
 *
 * @param scenario the scenario
 * @param variant  variant name ({@link ScenarioVariant#DEFAULT} for the scenario's own setup)
 * @param noFault  true for the baseline run without the fault
 */
public record MatrixCase(Scenario scenario, String variant, boolean noFault) {
    /** Every variant of every scenario, each with and then without its fault. */
    public static List<MatrixCase> of(List<Scenario> scenarios) {
        List<MatrixCase> cases = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            for (String variant : scenario.variantNames()) {
                cases.add(new MatrixCase(scenario, variant, false));
                cases.add(new MatrixCase(scenario, variant, true));
            }
        }
        return cases;
    }

    /** The cause this run must name, or null when it must name none. */
    public String expectedCause() {
        if (noFault) {
            return null;
        }
        var expectation = scenario.setup(variant).expectation();
        return expectation == null ? null : expectation.cause();
    }

    /** e.g. {@code tunl0-mtu-blackhole/icmp-delivered · no fault}. */
    public String displayName() {
        return displayName(row(), noFault);
    }

    /** The display name of a row's run with or without its fault. */
    static String displayName(String row, boolean noFault) {
        return row + " · " + (noFault ? "no fault" : "fault");
    }

    /** {@code scenario} or {@code scenario/variant}. */
    public String row() {
        return isDefault() ? scenario.name() : scenario.name() + "/" + variant;
    }

    /** A directory name for this case's output, e.g. {@code tunl0-mtu-blackhole-icmp-delivered-no-fault}. */
    public String slug() {
        return scenario.name() + (isDefault() ? "" : "-" + variant) + (noFault ? "-no-fault" : "-fault");
    }

    public RunOptions apply(RunOptions options) {
        return options.withVariant(isDefault() ? null : variant).withNoFault(noFault);
    }

    /** Whether this is the scenario's own setup rather than a named variant. */
    public boolean isDefault() {
        return variant.equals(ScenarioVariant.DEFAULT);
    }
}

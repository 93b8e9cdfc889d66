package dev.faultlab.scenario;

import dev.faultlab.fault.FaultSpec;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.workload.WorkloadPlan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One incident the lab reproduces, loaded from {@code lab-scenarios/<name>.yaml}: the default setup plus named
 * variants. A run without the fault (the baseline) always expects no root cause.
 *
 * @param name        file name without {@code .yaml}, e.g. {@code kube-router-kill}
 * @param title       one line
 * @param incident    which field report it reproduces
 * @param description what happens, in prose
 * @param source      the file it came from
 * @param setup       the default setup
 * @param variants    other setups, in file order
 */
public record Scenario(String name, String title, String incident, String description, Path source,
                       ScenarioSetup setup, List<ScenarioVariant> variants) {
    public Scenario {
        variants = List.copyOf(variants);
    }

    public ClusterSpec cluster() {
        return setup.cluster();
    }

    public WorkloadPlan workload() {
        return setup.workload();
    }

    public FaultSpec fault() {
        return setup.fault();
    }

    public List<CapturePoint> captures() {
        return setup.captures();
    }

    /** The default setup's expectation (null when it expects no root cause). */
    public Expectation expectation() {
        return setup.expectation();
    }

    /** {@code default} followed by the file's variants. */
    public List<String> variantNames() {
        return Stream.concat(Stream.of(ScenarioVariant.DEFAULT), variants.stream().map(ScenarioVariant::name)).toList();
    }

    /** Variants (including {@code default}) that expect no root cause even with the fault injected. */
    public List<String> noRootCauseVariants() {
        List<String> names = new ArrayList<>();
        if (!setup.expectsRootCause()) {
            names.add(ScenarioVariant.DEFAULT);
        }
        variants.stream().filter(v -> !v.expectsRootCause()).map(ScenarioVariant::name).forEach(names::add);
        return names;
    }

    /** The setup of a variant; null or {@code default} means the scenario's own. */
    public ScenarioSetup setup(String variant) {
        if (variant == null || variant.equals(ScenarioVariant.DEFAULT)) {
            return setup;
        }
        return variants.stream().filter(v -> v.name().equals(variant)).findFirst().map(ScenarioVariant::setup)
                .orElseThrow(() -> new IllegalArgumentException("scenario " + name + " has no variant '" + variant
                        + "': use one of " + String.join(", ", variantNames())));
    }
}

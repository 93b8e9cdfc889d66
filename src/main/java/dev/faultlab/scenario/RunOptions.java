package dev.faultlab.scenario;

import dev.faultlab.backend.Backends;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How to run a scenario.
 *
 * @param variant  variant name, or null for the scenario's default setup
 * @param noFault  run the baseline: everything but the fault; passes only when the diagnosis names no root cause
 * @param outDir   where captures, state snapshots and reports go
 * @param keep     leave the lab running after the run (for poking at it); the caller must close it later
 * @param backend  backend name, e.g. {@code netns}
 * @param progress receives one line per step
 */
public record RunOptions(String variant, boolean noFault, Path outDir, boolean keep, String backend,
                         Consumer<String> progress) {
    public RunOptions {
        Objects.requireNonNull(outDir, "outDir");
        backend = backend == null ? Backends.DEFAULT : backend;
        progress = progress == null ? line -> { } : progress;
    }

    /** The default setup with the fault, on the default backend, into {@code outDir}, silently. */
    public static RunOptions defaults(Path outDir) {
        return new RunOptions(null, false, outDir, false, Backends.DEFAULT, null);
    }

    public RunOptions withVariant(String name) {
        return new RunOptions(name, noFault, outDir, keep, backend, progress);
    }

    public RunOptions withNoFault(boolean baseline) {
        return new RunOptions(variant, baseline, outDir, keep, backend, progress);
    }

    public RunOptions withOutDir(Path dir) {
        return new RunOptions(variant, noFault, dir, keep, backend, progress);
    }

    public RunOptions withKeep(boolean keepLab) {
        return new RunOptions(variant, noFault, outDir, keepLab, backend, progress);
    }

    public RunOptions withBackend(String name) {
        return new RunOptions(variant, noFault, outDir, keep, name, progress);
    }

    public RunOptions withProgress(Consumer<String> sink) {
        return new RunOptions(variant, noFault, outDir, keep, backend, sink);
    }

    /** The variant's name as results show it ({@code default} when none was asked for). */
    public String variantName() {
        return variant == null ? ScenarioVariant.DEFAULT : variant;
    }
}

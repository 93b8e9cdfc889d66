package dev.faultlab.scenario;

import dev.faultlab.backend.Backend;
import dev.faultlab.backend.BackendSettings;
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
 * @param backendSettings the backend's kubeconfig and images (default: from the environment)
 * @param progress receives one line per step
 */
public record RunOptions(String variant, boolean noFault, Path outDir, boolean keep, String backend,
                         BackendSettings backendSettings, Consumer<String> progress) {
    public RunOptions {
        Objects.requireNonNull(outDir, "outDir");
        backend = backend == null ? Backends.DEFAULT : backend;
        backendSettings = backendSettings == null ? BackendSettings.fromEnvironment() : backendSettings;
        progress = progress == null ? line -> { } : progress;
    }

    /** The default setup with the fault, on the default backend, into {@code outDir}, silently. */
    public static RunOptions defaults(Path outDir) {
        return new RunOptions(null, false, outDir, false, Backends.DEFAULT, null, null);
    }

    public RunOptions withVariant(String name) {
        return new RunOptions(name, noFault, outDir, keep, backend, backendSettings, progress);
    }

    public RunOptions withNoFault(boolean baseline) {
        return new RunOptions(variant, baseline, outDir, keep, backend, backendSettings, progress);
    }

    public RunOptions withOutDir(Path dir) {
        return new RunOptions(variant, noFault, dir, keep, backend, backendSettings, progress);
    }

    public RunOptions withKeep(boolean keepLab) {
        return new RunOptions(variant, noFault, outDir, keepLab, backend, backendSettings, progress);
    }

    public RunOptions withBackend(String name) {
        return new RunOptions(variant, noFault, outDir, keep, name, backendSettings, progress);
    }

    public RunOptions withBackendSettings(BackendSettings settings) {
        return new RunOptions(variant, noFault, outDir, keep, backend, settings, progress);
    }

    /** The chosen backend, with its settings. */
    public Backend chosenBackend() {
        return Backends.named(backend, backendSettings);
    }

    public RunOptions withProgress(Consumer<String> sink) {
        return new RunOptions(variant, noFault, outDir, keep, backend, backendSettings, sink);
    }

    /** The variant's name as results show it ({@code default} when none was asked for). */
    public String variantName() {
        return variant == null ? ScenarioVariant.DEFAULT : variant;
    }
}

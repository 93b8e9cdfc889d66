package dev.faultlab.scenario;

import dev.faultlab.fault.FaultRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The scenarios of a directory ({@code lab-scenarios/} by default), one YAML file each, loaded and checked up
 * front so a broken file fails with one line before any lab is built.
 */
public final class ScenarioCatalog {
    /** Where scenario files live, relative to the project (and working) directory. */
    public static final Path DEFAULT_DIR = Path.of("lab-scenarios");

    private final Path dir;
    private final List<Scenario> scenarios;
    private final ScenarioLoader loader;

    private ScenarioCatalog(Path dir, List<Scenario> scenarios, ScenarioLoader loader) {
        this.dir = dir;
        this.scenarios = List.copyOf(scenarios);
        this.loader = loader;
    }

    /** Loads every {@code *.yaml} of {@code dir}, sorted by name. */
    public static ScenarioCatalog load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("scenario directory " + dir
                    + " not found: run from the faultlab project directory or pass the directory explicitly");
        }
        ScenarioLoader loader = new ScenarioLoader(FaultRegistry.load());
        try (Stream<Path> files = Files.list(dir)) {
            List<Scenario> scenarios = files
                    .filter(f -> f.getFileName().toString().endsWith(".yaml"))
                    .sorted()
                    .map(loader::load)
                    .toList();
            return new ScenarioCatalog(dir, scenarios, loader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list scenarios in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The catalog of {@link #DEFAULT_DIR}. */
    public static ScenarioCatalog loadDefault() {
        return load(DEFAULT_DIR);
    }

    public Path dir() {
        return dir;
    }

    public List<Scenario> all() {
        return scenarios;
    }

    public Optional<Scenario> byName(String name) {
        return scenarios.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * A scenario by name ({@code kube-router-kill}) or by the path of a YAML file (which need not be in this
     * catalog's directory, so users can try a file of their own).
     */
    public Scenario find(String nameOrYamlPath) {
        if (nameOrYamlPath.endsWith(".yaml") || nameOrYamlPath.endsWith(".yml")) {
            Path file = Path.of(nameOrYamlPath);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("scenario file " + file + " not found");
            }
            return loader.load(file);
        }
        return byName(nameOrYamlPath).orElseThrow(() -> new IllegalArgumentException("no scenario '"
                + nameOrYamlPath + "' in " + dir + ": use one of "
                + String.join(", ", scenarios.stream().map(Scenario::name).toList())));
    }
}

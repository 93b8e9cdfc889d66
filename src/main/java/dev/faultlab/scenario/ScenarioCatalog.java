package dev.faultlab.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultlab.fault.FaultRegistry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * The scenarios a project sees, one YAML file each, loaded and checked up front so a broken file fails with one
 * line before any lab is built. A catalog is resolved from layers, first match by name wins: an explicit
 * directory, then the project's own {@code lab-scenarios/}, then the built-ins shipped in the faultlab jar. A
 * file replaces the scenario of the same name below it, or, starting with {@code extends: NAME}, is overlaid on
 * that scenario (as variants are on their file), so a project can add variants to a built-in in a few lines.
 */
public final class ScenarioCatalog {
    /** Where a project's scenario files live, relative to the project (and working) directory. */
    public static final Path DEFAULT_DIR = Path.of("lab-scenarios");
    /** The key of a file that overlays another scenario instead of replacing it. */
    static final String EXTENDS = "extends";

    private final List<CatalogLayer> layers;
    private final Map<String, Scenario> scenarios;
    private final ScenarioLoader loader;

    /** A catalog of {@code layers} (first match first) listing the scenarios of the first {@code listed}. */
    ScenarioCatalog(List<CatalogLayer> layers, int listed) {
        this.layers = List.copyOf(layers);
        this.loader = new ScenarioLoader(FaultRegistry.load());
        Map<String, Scenario> byName = new TreeMap<>();
        for (int i = 0; i < listed; i++) {
            for (Path file : layers.get(i).files()) {
                String name = CatalogLayer.nameOf(file);
                if (!byName.containsKey(name)) {
                    byName.put(name, load(i, file));
                }
            }
        }
        this.scenarios = byName;
    }

    /**
     * The catalog a project sees: {@code explicitDir} (may be null; must exist when given), then
     * {@code projectDir/lab-scenarios} when there is one, then the built-ins. Names are looked up in that order;
     * {@link #all()} is the explicit directory's scenarios when one is given (the matrix of that directory),
     * else every scenario of the project and the built-ins.
     */
    public static ScenarioCatalog resolve(Path explicitDir, Path projectDir) {
        List<CatalogLayer> layers = new ArrayList<>();
        if (explicitDir != null) {
            layers.add(CatalogLayer.directory(explicitDir));
        }
        Path own = projectDir.resolve(DEFAULT_DIR);
        if (Files.isDirectory(own) && (explicitDir == null || !sameDir(own, explicitDir))) {
            layers.add(CatalogLayer.directory(own));
        }
        layers.add(CatalogLayer.builtIn());
        return new ScenarioCatalog(layers, explicitDir != null ? 1 : layers.size());
    }

    /** {@link #resolve(Path, Path)} from the working directory (a Maven build's project directory). */
    public static ScenarioCatalog resolve(Path explicitDir) {
        return resolve(explicitDir, Path.of("").toAbsolutePath());
    }

    /** The catalog of the working directory: its {@code lab-scenarios/}, then the built-ins. */
    public static ScenarioCatalog loadDefault() {
        return resolve(null);
    }

    /** The built-in scenarios alone, as shipped in the jar. */
    public static ScenarioCatalog builtIn() {
        return new ScenarioCatalog(List.of(CatalogLayer.builtIn()), 1);
    }

    /** The scenarios of {@code dir} (names not there, and files there that extend one, fall back to the built-ins). */
    public static ScenarioCatalog load(Path dir) {
        return new ScenarioCatalog(List.of(CatalogLayer.directory(dir), CatalogLayer.builtIn()), 1);
    }

    /** Where scenarios were looked for, first match first, e.g. {@code [lab-scenarios, built-in]}. */
    public List<String> layers() {
        return layers.stream().map(CatalogLayer::where).toList();
    }

    public List<Scenario> all() {
        return List.copyOf(scenarios.values());
    }

    /** A scenario by name: one of {@link #all()}, else the first layer's file of that name. */
    public Optional<Scenario> byName(String name) {
        if (scenarios.containsKey(name)) {
            return Optional.of(scenarios.get(name));
        }
        return below(-1, name).map(i -> load(i, layers.get(i).file(name).orElseThrow()));
    }

    /**
     * A scenario by name ({@code kube-router-kill}) or by the path of a YAML file (which need not be in this
     * catalog, so users can try a file of their own; it may extend any scenario of the catalog).
     */
    public Scenario find(String nameOrYamlPath) {
        if (nameOrYamlPath.endsWith(".yaml") || nameOrYamlPath.endsWith(".yml")) {
            return file(Path.of(nameOrYamlPath));
        }
        return byName(nameOrYamlPath).orElseThrow(() -> new IllegalArgumentException("no scenario '"
                + nameOrYamlPath + "': use one of " + choices()));
    }

    /** Every name, under the first layer that has it, e.g. {@code mine (lab-scenarios); a, b (built-in)}. */
    private String choices() {
        List<String> seen = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        for (CatalogLayer layer : layers) {
            List<String> names = layer.files().stream().map(CatalogLayer::nameOf).filter(n -> !seen.contains(n)).toList();
            seen.addAll(names);
            if (!names.isEmpty()) {
                parts.add(String.join(", ", names) + " (" + layer.where() + ")");
            }
        }
        return String.join("; ", parts);
    }

    /** A scenario file given by path, outside the layers or in them. */
    public Scenario file(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("scenario file " + file + " not found: give the path of a "
                    + "scenario YAML file (relative to " + Path.of("").toAbsolutePath() + ")");
        }
        return load(-1, file);
    }

    /** Loads a file of layer {@code layer} (-1: none), naming the scenario it shadows when it is broken. */
    private Scenario load(int layer, Path file) {
        try {
            return loader.load(file, tree(layer, file));
        } catch (IllegalArgumentException e) {
            String name = CatalogLayer.nameOf(file);
            Optional<String> shadowed = IntStream.range(layer + 1, layers.size())
                    .filter(i -> layers.get(i).file(name).filter(other -> !sameFile(other, file)).isPresent())
                    .mapToObj(i -> layers.get(i).where()).findFirst();
            if (shadowed.isEmpty()) {
                throw e;
            }
            throw new IllegalArgumentException(e.getMessage() + " (this file replaces the " + shadowed.get()
                    + " scenario '" + name + "': fix it, or delete it to use that one, or start it with '"
                    + EXTENDS + ": " + name + "' to change only what differs)", e);
        }
    }

    /** The file's tree; a file that extends another is overlaid on that one's tree (resolved below it). */
    private JsonNode tree(int layer, Path file) {
        JsonNode tree = layer < 0 ? ScenarioLoader.readTree(file) : layers.get(layer).tree(file);
        if (!(tree instanceof ObjectNode own) || !own.has(EXTENDS)) {
            return tree;
        }
        JsonNode base = own.remove(EXTENDS);
        if (!base.isTextual()) {
            throw new IllegalArgumentException(file + ": " + EXTENDS + " must name one scenario, e.g. '"
                    + EXTENDS + ": tunl0-mtu-blackhole'");
        }
        int baseLayer = below(layer, base.asText()).orElseThrow(() -> new IllegalArgumentException(file + ": "
                + EXTENDS + " '" + base.asText() + "' is not a scenario of " + String.join(", ",
                layers.subList(layer + 1, layers.size()).stream().map(CatalogLayer::where).toList())
                + ": name one of " + String.join(", ", namesBelow(layer))));
        if (!(tree(baseLayer, layers.get(baseLayer).file(base.asText()).orElseThrow()) instanceof ObjectNode baseTree)) {
            throw new IllegalArgumentException(file + ": " + EXTENDS + " '" + base.asText() + "' names a file that"
                    + " is not a scenario: extend another one");
        }
        ObjectNode merged = baseTree.deepCopy();
        if (!own.has("name")) {
            own.put("name", CatalogLayer.nameOf(file));
        }
        ScenarioLoader.overlay(merged, own);
        return merged;
    }

    /** The first layer below {@code layer} with a file of that name. */
    private Optional<Integer> below(int layer, String name) {
        for (int i = layer + 1; i < layers.size(); i++) {
            if (layers.get(i).file(name).isPresent()) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    private List<String> namesBelow(int layer) {
        return layers.subList(layer + 1, layers.size()).stream().flatMap(l -> l.files().stream())
                .map(CatalogLayer::nameOf).distinct().sorted().toList();
    }

    private static boolean sameDir(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    private static boolean sameFile(Path a, Path b) {
        return a.getFileSystem().equals(b.getFileSystem()) && sameDir(a, b);
    }
}

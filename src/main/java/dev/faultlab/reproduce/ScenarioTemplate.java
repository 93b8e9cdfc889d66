package dev.faultlab.reproduce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.faultlab.detect.Finding;
import dev.faultlab.scenario.Expectation;
import dev.faultlab.scenario.Scenario;
import dev.faultlab.scenario.ScenarioCatalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A built-in scenario as an editable YAML tree: the one whose {@code expect.cause} is the customer's root cause
 * (read from the catalog, never from a list kept here). Values are addressed by paths such as
 * {@code fault.params.mtu} or {@code workload.clients[0].args.count}; the edited tree is written by
 * {@link ScenarioYaml} with a comment per filled value.
 */
final class ScenarioTemplate {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]]+)((?:\\[\\d+])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,9}");

    private final Scenario scenario;
    private final ObjectNode tree;

    private ScenarioTemplate(Scenario scenario, ObjectNode tree) {
        this.scenario = scenario;
        this.tree = tree;
    }

    /** A scenario's file as a tree, without its variants (a regenerated scenario is one setup). */
    public static ScenarioTemplate of(Scenario scenario) {
        try {
            ObjectNode root = (ObjectNode) YAML.readTree(scenario.source().toFile());
            root.remove("variants");
            return new ScenarioTemplate(scenario, root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario " + scenario.source() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The catalog's scenario for {@code finding}: among those whose default setup expects the finding's cause, the
     * one whose literal expected attributes agree best with the finding's; one that contradicts it (e.g.
     * {@code source: nat-gateway} for a {@code node-snat} finding) ranks below every one that does not. Ties go to
     * the first by name.
     */
    public static ScenarioTemplate forFinding(ScenarioCatalog catalog, Finding finding) {
        List<Scenario> candidates = catalog.all().stream()
                .filter(s -> s.expectation() != null && s.expectation().cause().equals(finding.cause())).toList();
        if (candidates.isEmpty()) {
            TreeSet<String> known = new TreeSet<>();
            catalog.all().stream().filter(s -> s.expectation() != null).forEach(s -> known.add(s.expectation().cause()));
            throw new IllegalArgumentException("no scenario in " + String.join(", ", catalog.layers()) + " reproduces '" + finding.cause()
                    + "' (their causes: " + String.join(", ", known) + "); write one with expect.cause: "
                    + finding.cause());
        }
        Scenario best = candidates.stream()
                .max(Comparator.comparingInt((Scenario s) -> agreement(s.expectation(), finding))
                        .thenComparing(Scenario::name, Comparator.reverseOrder()))
                .orElseThrow();
        return of(best);
    }

    private static int agreement(Expectation expectation, Finding finding) {
        int agree = 0;
        int contradict = 0;
        for (Map.Entry<String, String> e : expectation.attributes().entrySet()) {
            String actual = finding.attributes().get(e.getKey());
            if (e.getValue().contains("${") || actual == null) {
                continue;
            }
            if (e.getValue().equals(actual)) {
                agree++;
            } else {
                contradict++;
            }
        }
        // a contradiction outweighs any number of agreements
        return contradict > 0 ? -contradict : agree;
    }

    public Scenario scenario() {
        return scenario;
    }

    ObjectNode tree() {
        return tree;
    }

    /** The template's text value at {@code path}, or null when absent. */
    public String get(String path) {
        JsonNode node = tree;
        for (String key : steps(path)) {
            if (node == null) {
                return null;
            }
            node = key.startsWith("[") ? node.get(Integer.parseInt(key.substring(1))) : node.get(key);
        }
        return node == null || node.isContainerNode() ? null : node.asText();
    }

    /** How many items the list at {@code path} holds (0 when absent). */
    public int count(String path) {
        JsonNode node = tree;
        for (String key : steps(path)) {
            node = node == null ? null : key.startsWith("[") ? node.get(Integer.parseInt(key.substring(1))) : node.get(key);
        }
        return node == null ? 0 : node.size();
    }

    /** Sets {@code path} to {@code value}, creating maps (and appending list items) on the way. */
    public void set(String path, String value) {
        List<String> keys = steps(path);
        JsonNode node = tree;
        for (int i = 0; i < keys.size() - 1; i++) {
            node = child(node, keys.get(i), keys.get(i + 1).startsWith("["));
        }
        JsonNode scalar = INTEGER.matcher(value).matches() ? IntNode.valueOf(Integer.parseInt(value))
                : value.equals("true") || value.equals("false") ? BooleanNode.valueOf(Boolean.parseBoolean(value)) : TextNode.valueOf(value);
        String last = keys.get(keys.size() - 1);
        if (last.startsWith("[")) {
            ArrayNode list = (ArrayNode) node;
            int index = Integer.parseInt(last.substring(1));
            if (index < list.size()) {
                list.set(index, scalar);
            } else {
                list.add(scalar);
            }
        } else {
            ((ObjectNode) node).set(last, scalar);
        }
    }

    private static JsonNode child(JsonNode node, String key, boolean list) {
        if (key.startsWith("[")) {
            ArrayNode array = (ArrayNode) node;
            int index = Integer.parseInt(key.substring(1));
            if (index >= array.size()) {
                return list ? array.addArray() : array.addObject();
            }
            return array.get(index);
        }
        ObjectNode object = (ObjectNode) node;
        JsonNode existing = object.get(key);
        if (existing == null || existing.isNull() || !existing.isContainerNode()) {
            return list ? object.putArray(key) : object.putObject(key);
        }
        return existing;
    }

    /** {@code a.b[2].c} as {@code a, b, [2, c}. */
    static List<String> steps(String path) {
        List<String> steps = new ArrayList<>();
        for (String part : path.split("\\.")) {
            Matcher m = SEGMENT.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException("bad scenario path '" + path + "'");
            }
            steps.add(m.group(1));
            Matcher index = INDEX.matcher(m.group(2));
            while (index.find()) {
                steps.add("[" + index.group(1));
            }
        }
        return steps;
    }

    /** Writes the edited scenario as {@code <dir>/<name>.yaml} (the loader wants the name to match the file). */
    public Path write(Path dir, String name, List<String> header, List<FilledValue> filled) {
        tree.put("name", name);
        return ScenarioYaml.write(tree, dir.resolve(name + ".yaml"), header, filled);
    }
}

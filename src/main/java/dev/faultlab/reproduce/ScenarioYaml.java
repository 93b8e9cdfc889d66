package dev.faultlab.reproduce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a scenario tree as block YAML with a {@code # from ...} comment beside every filled value. A small emitter
 * of its own because YAML libraries drop comments; strings are written as JSON strings (valid YAML, never
 * misread as numbers or booleans), numbers and booleans plain.
 */
final class ScenarioYaml {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StringBuilder out = new StringBuilder();
    private final Map<String, String> comments = new LinkedHashMap<>();

    private ScenarioYaml(List<FilledValue> filled) {
        filled.forEach(v -> comments.put(v.path(), v.source()));
    }

    static Path write(JsonNode tree, Path file, List<String> header, List<FilledValue> filled) {
        ScenarioYaml yaml = new ScenarioYaml(filled);
        header.forEach(line -> yaml.out.append("# ").append(line).append('\n'));
        yaml.object(tree, "", 0);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, yaml.out.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    private void object(JsonNode node, String path, int indent) {
        boolean first = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            // the first key of a list item sits on the "- " line, already indented
            if (!first || indent == 0 || !path.endsWith("]")) {
                pad(indent);
            }
            first = false;
            String childPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            out.append(field.getKey()).append(':');
            value(field.getValue(), childPath, indent);
        }
    }

    private void value(JsonNode value, String path, int indent) {
        if (value.isObject() && value.size() > 0) {
            comment(path);
            out.append('\n');
            object(value, path, indent + 2);
        } else if (value.isArray() && value.size() > 0) {
            comment(path);
            out.append('\n');
            for (int i = 0; i < value.size(); i++) {
                pad(indent + 2);
                out.append("- ");
                JsonNode item = value.get(i);
                String itemPath = path + "[" + i + "]";
                if (item.isObject() && item.size() > 0) {
                    object(item, itemPath, indent + 4);
                } else {
                    out.append(scalar(item));
                    comment(itemPath);
                    out.append('\n');
                }
            }
        } else {
            out.append(' ').append(scalar(value));
            comment(path);
            out.append('\n');
        }
    }

    private void comment(String path) {
        String source = comments.get(path);
        if (source != null) {
            out.append("  # from ").append(source.replace('\n', ' '));
        }
    }

    private void pad(int indent) {
        out.append(" ".repeat(indent));
    }

    private static String scalar(JsonNode node) {
        if (node.isNumber() || node.isBoolean()) {
            return node.asText();
        }
        if (node.isContainerNode()) {
            return node.isArray() ? "[]" : "{}";
        }
        try {
            return JSON.writeValueAsString(node.asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.faultlab.fault;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fault's parameters with typed getters whose errors name the fault and the parameter, so a wrong scenario
 * file fails with one line a user can fix.
 *
 * @param fault  the fault they belong to (for messages)
 * @param values parameter name to value
 */
public record FaultParams(String fault, Map<String, String> values) {
    public FaultParams {
        values = Map.copyOf(values);
    }

    public Optional<String> optional(String key) {
        return Optional.ofNullable(values.get(key)).map(String::strip).filter(v -> !v.isEmpty());
    }

    public String string(String key) {
        return optional(key).orElseThrow(() -> new IllegalArgumentException(
                "fault '" + fault + "' needs parameter '" + key + "': add it under fault.params"));
    }

    public String string(String key, String fallback) {
        return optional(key).orElse(fallback);
    }

    public int integer(String key, int fallback) {
        return optional(key).map(v -> parseInt(key, v)).orElse(fallback);
    }

    public int integer(String key) {
        return parseInt(key, string(key));
    }

    public boolean bool(String key, boolean fallback) {
        return optional(key).map(v -> parseBool(key, v)).orElse(fallback);
    }

    /** A comma-separated list, e.g. {@code stale: node-3,node-4}. */
    public List<String> list(String key) {
        return Arrays.stream(string(key).split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private int parseInt(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fault '" + fault + "' parameter '" + key + "' must be a number, got '"
                    + value + "'");
        }
    }

    private boolean parseBool(String key, String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException("fault '" + fault + "' parameter '" + key + "' must be true or false, got '"
                + value + "'");
    }
}

package dev.faultlab.reproduce;

import java.util.Objects;

/**
 * One value of a regenerated scenario and where it came from.
 *
 * @param path          where it goes in the scenario file, e.g. {@code fault.params.mtu} or
 *                      {@code workload.clients[0].to[0]}
 * @param value         the value written (numbers and booleans are written unquoted)
 * @param source        where the value came from, e.g. {@code node-1/ip-link.json: tunl0 mtu 1420}; becomes the
 *                      YAML comment beside it
 * @param customerValue the value as the customer's evidence spells it when the lab must spell it differently
 *                      (a customer's node name played by lab node {@code node-3}), else null; the comparison
 *                      reads the customer's attribute values through it
 */
public record FilledValue(String path, String value, String source, String customerValue) {
    public FilledValue {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
    }

    public static FilledValue of(String path, Object value, String source) {
        return new FilledValue(path, String.valueOf(value), source, null);
    }

    /** A lab value standing for the customer's {@code customerValue}. */
    public static FilledValue playing(String path, String labValue, String customerValue, String source) {
        return new FilledValue(path, labValue, source, labValue.equals(customerValue) ? null : customerValue);
    }
}

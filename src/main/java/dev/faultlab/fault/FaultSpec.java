package dev.faultlab.fault;

import java.util.Map;

/**
 * A fault as a scenario file names it: which fault and its parameters (strings, as written in YAML).
 *
 * @param name   the fault's {@link Fault#name()}
 * @param params parameter name to value
 */
public record FaultSpec(String name, Map<String, String> params) {
    public FaultSpec {
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    /** The spec of {@code fault} with typed parameters, as a scenario file would write it. */
    public static <P extends Record> FaultSpec of(Fault<P> fault, P params) {
        return new FaultSpec(fault.name(), fault.info().parameters().strings(params));
    }
}

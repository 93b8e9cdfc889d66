package dev.faultlab.fault;

import java.util.Map;

/**
 * What a fault is called and takes, for scenario files, listings and reports.
 *
 * @param name        the id scenario files use, e.g. {@code routing-agent-kill}
 * @param description one line: what the fault does to the cluster
 * @param parameters  parameter name to meaning; scenario files may use no others
 */
public record FaultInfo(String name, String description, Map<String, String> parameters) {
    public FaultInfo {
        parameters = Map.copyOf(parameters);
    }
}

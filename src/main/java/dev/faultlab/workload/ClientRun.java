package dev.faultlab.workload;

import java.util.List;

/**
 * What one workload client did in one round.
 *
 * @param spec        the client as the scenario describes it
 * @param round       which round (1 unless the plan repeats until a counter rises)
 * @param targets     the resolved {@code IP:PORT} targets
 * @param connections every connection or query, in order
 */
public record ClientRun(ClientSpec spec, int round, List<String> targets, List<ConnectionResult> connections) {
    public ClientRun {
        targets = List.copyOf(targets);
        connections = List.copyOf(connections);
    }

    public boolean allOk() {
        return !connections.isEmpty() && connections.stream().allMatch(ConnectionResult::ok);
    }
}

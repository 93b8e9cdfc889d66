package dev.faultlab.workload;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What all clients of one drive saw, summarized per client and target for the run's notes and for asserting
 * partial failures such as "1 of 3 DNS replicas answers".
 *
 * @param runs     one entry per client and round
 * @param rounds   how many rounds ran
 * @param untilMet whether the plan's {@link RepeatUntil} counter rose (false when it has none)
 */
public record WorkloadOutcome(List<ClientRun> runs, int rounds, boolean untilMet) {
    public WorkloadOutcome {
        runs = List.copyOf(runs);
    }

    public List<ConnectionResult> connections() {
        return runs.stream().flatMap(r -> r.connections().stream()).toList();
    }

    public boolean allOk() {
        return !runs.isEmpty() && runs.stream().allMatch(ClientRun::allOk);
    }

    /** Targets where at least one connection failed. */
    public List<String> failingTargets() {
        return byTarget().entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(c -> !c.ok()))
                .map(Map.Entry::getKey).toList();
    }

    /**
     * One line per client and target, e.g. {@code "pod-1-a -> 10.244.3.2:8080" -> "0/3 ok (timeout 3)"}.
     */
    public Map<String, String> summary() {
        Map<String, List<ConnectionResult>> groups = connections().stream().collect(Collectors.groupingBy(
                c -> c.client() + " -> " + c.target(), TreeMap::new, Collectors.toList()));
        Map<String, String> lines = new LinkedHashMap<>();
        groups.forEach((key, list) -> lines.put(key, describe(list)));
        return lines;
    }

    private Map<String, List<ConnectionResult>> byTarget() {
        return connections().stream().collect(Collectors.groupingBy(ConnectionResult::target, TreeMap::new,
                Collectors.toList()));
    }

    private static String describe(List<ConnectionResult> list) {
        long ok = list.stream().filter(ConnectionResult::ok).count();
        String failures = list.stream().filter(c -> !c.ok())
                .collect(Collectors.groupingBy(c -> c.result() + "@" + c.stage(), TreeMap::new, Collectors.counting()))
                .entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        return ok + "/" + list.size() + " ok" + (failures.isEmpty() ? "" : " (" + failures + ")");
    }
}

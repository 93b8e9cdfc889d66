package dev.faultlab.backend;

/**
 * A lab a backend finds on this host, for {@code faultlab lab ls}.
 *
 * @param labId    its id
 * @param status   {@code running} (owner alive), {@code detached} (left running by lab up) or {@code stale}
 * @param ownerPid the process that built it, or -1 when unknown
 * @param hosts    how many hosts (namespaces, containers) it has
 * @param summary  what it is, e.g. {@code ipip nodes=2 podsPerNode=1}
 */
public record LabEntry(String labId, String status, long ownerPid, int hosts, String summary) {
}

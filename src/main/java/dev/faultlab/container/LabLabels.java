package dev.faultlab.container;

import java.util.Map;

/**
 * Docker labels on everything a container lab creates, so a lab whose owner died (kill -9, power loss) is found
 * and removed by the next lab's start ({@link StaleLabReaper}) without touching anyone else's containers.
 *
 * @param labId    the lab's id
 * @param ownerPid pid of the JVM that owns the lab
 */
public record LabLabels(String labId, long ownerPid) {
    public static final String LAB = "dev.faultlab.lab";
    public static final String OWNER_PID = "dev.faultlab.owner-pid";
    public static final String HOST = "dev.faultlab.host";

    public static LabLabels ownedByThisProcess(String labId) {
        return new LabLabels(labId, ProcessHandle.current().pid());
    }

    public Map<String, String> forHost(String host) {
        return Map.of(LAB, labId, OWNER_PID, Long.toString(ownerPid), HOST, host);
    }

    public Map<String, String> forNetwork() {
        return Map.of(LAB, labId, OWNER_PID, Long.toString(ownerPid));
    }
}

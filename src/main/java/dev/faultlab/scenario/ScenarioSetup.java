package dev.faultlab.scenario;

import dev.faultlab.fault.FaultSpec;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.workload.WorkloadPlan;

import java.util.List;

/**
 * Everything one run of a scenario variant needs: the cluster, its settings, the workload, the fault, where to
 * capture and what the diagnosis must say.
 *
 * @param cluster     the cluster to build
 * @param sysctls     settings applied after the lab starts (with or without the fault)
 * @param commands    environment commands run after the sysctls (with or without the fault)
 * @param workload    servers and clients
 * @param fault       the fault to inject
 * @param captures    capture points
 * @param expectation the root cause the diagnosis must name, or null when this variant expects none
 * @param verifyHeal  whether the run heals the fault afterwards and requires every client to succeed again
 */
public record ScenarioSetup(ClusterSpec cluster, List<SysctlSetting> sysctls, List<SetupCommand> commands,
                            WorkloadPlan workload, FaultSpec fault,
                            List<CapturePoint> captures, Expectation expectation, boolean verifyHeal) {
    public ScenarioSetup {
        sysctls = List.copyOf(sysctls);
        commands = List.copyOf(commands);
        captures = List.copyOf(captures);
    }

    public boolean expectsRootCause() {
        return expectation != null;
    }
}

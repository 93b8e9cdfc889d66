package dev.faultlab.workload;

import java.util.List;

/**
 * The traffic of a scenario: servers started with the lab, clients driven after the fault.
 *
 * @param servers    servers, started in order
 * @param clients    clients, run concurrently (or one after another when {@code sequential})
 * @param sequential run clients in order, one at a time: several hosts sharing one NAT port must take turns
 * @param until      optional: repeat the clients until a kernel counter rises (null = run once)
 */
public record WorkloadPlan(List<ServerSpec> servers, List<ClientSpec> clients, boolean sequential,
                           RepeatUntil until) {
    public WorkloadPlan {
        servers = servers == null ? List.of() : List.copyOf(servers);
        clients = clients == null ? List.of() : List.copyOf(clients);
    }
}

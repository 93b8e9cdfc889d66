package dev.faultlab.fault;

import dev.faultlab.backend.Cluster;
import dev.faultlab.workload.ServerControl;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Everything a fault may touch besides its parameters: the cluster (through its small interface only), the running
 * workload servers (a fault such as a tiny listen backlog lives in the server
 * process, so it is injected by restarting that server with other options) and a progress log.
 *
 * @param cluster the running lab
 * @param servers the workload servers the scenario started
 * @param log     progress lines for the run's log
 * @param facts   what the fault learned while injecting that a scenario's expectation may refer to as
 *                {@code ${fault.<key>}} (e.g. {@code old-mac}, which no file can know in advance)
 */
public record FaultContext(Cluster cluster, ServerControl servers, Consumer<String> log,
                           BiConsumer<String, String> facts) {
}

package dev.faultlab.backend.netns;

import dev.faultlab.datapath.IpBatch;
import dev.faultlab.backend.NodeAgent;
import dev.faultlab.topology.Datapath;

import java.util.List;
import java.util.Map;

/**
 * Builds one pod-to-pod datapath the way its real CNI builds it, on network namespaces; what the datapath is
 * (devices, MTU, overlay program) comes from its {@code DatapathDefinition}. Drivers are ServiceLoader services
 * ({@code META-INF/services/dev.faultlab.backend.netns.DatapathDriver}) found by {@link #datapath()}; a fresh
 * instance serves one lab, so a driver may keep what it learned about the kernel in a field.
 */
public interface DatapathDriver {
    Datapath datapath();

    /** Commands (beyond ip, iptables, ethtool) this datapath needs on the host, for preflight and doctor. */
    List<Tool> requiredTools();

    /**
     * Called once after the namespaces and the underlay exist, before nodes are configured: probes what the kernel
     * offers, and may already start agents that need no more than the nodes' {@code eth0} (so their start-up
     * overlaps the rest of the build). Returns facts for {@code ClusterLayout.notes}.
     */
    Map<String, String> prepare(LabRuntime lab);

    /** Adds the datapath's devices and static entries to a node's {@code ip} and {@code bridge} batches. */
    void configureNode(LabRuntime lab, LabPlan.NodePlan node, IpBatch ip, IpBatch bridge);

    /** Starts the per-node agents not started yet (if any) and returns when pod routes converged on every node. */
    Map<String, NodeAgent> startAgents(LabRuntime lab);
}

package dev.faultlab.container;

import dev.faultlab.backend.NodeAgent;
import dev.faultlab.topology.ClusterLayout;
import dev.faultlab.topology.NodeInfo;

import java.util.function.Function;

/**
 * The node agents of a lab, looked up by node name with a one-line error for a name that is not a node.
 *
 * @param layout the lab
 * @param agents the agent of each node
 */
public record LabAgents(ClusterLayout layout, Function<String, NodeAgent> agents) {
    public NodeAgent of(String node) {
        if (layout.node(node).isEmpty()) {
            throw new IllegalArgumentException("no node '" + node + "' in lab " + layout.labId() + ": use one of "
                    + layout.nodes().stream().map(NodeInfo::name).toList());
        }
        return agents.apply(node);
    }
}

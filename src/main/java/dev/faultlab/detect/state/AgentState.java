package dev.faultlab.detect.state;

import java.util.List;

/**
 * The routing or flannel agent of a host ({@code agent.json}).
 *
 * @param kind      e.g. {@code gobgpd}, {@code bird}, {@code flanneld}
 * @param running   whether the agent process was alive at snapshot time (null when unknown)
 * @param neighbors BGP sessions
 * @param leases    pod CIDR leases known to the agent
 */
public record AgentState(String kind, Boolean running, List<BgpNeighbor> neighbors, List<Lease> leases) {
    public AgentState {
        neighbors = List.copyOf(neighbors);
        leases = List.copyOf(leases);
    }
}

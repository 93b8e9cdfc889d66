package dev.faultlab.datapath;

import dev.faultlab.topology.NodeInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The lease store of one lab's overlay (flannel keeps it in etcd or node annotations): agents publish their lease
 * here and every running agent applies it. One instance per lab, owned by the cluster.
 */
public final class OverlayControlPlane {
    private final Map<String, OverlayAgent> agents = new LinkedHashMap<>();

    /**
     * Starts one agent per node (each creates its tunnel device), so every node ends with routes, neighbor and FDB
     * entries for every peer.
     */
    public static OverlayControlPlane start(OverlayProgram program, List<NodeInfo> nodes,
                                            Function<String, NodeShell> shells, String underlayDevice) {
        OverlayControlPlane plane = new OverlayControlPlane();
        for (NodeInfo node : nodes) {
            plane.agents.put(node.name(), new OverlayAgent(node, shells.apply(node.name()), program, plane,
                    underlayDevice));
        }
        plane.agents.values().forEach(OverlayAgent::start);
        return plane;
    }

    public OverlayAgent agent(String node) {
        OverlayAgent agent = agents.get(node);
        if (agent == null) {
            throw new IllegalArgumentException("no node '" + node + "': agents run on " + agents.keySet());
        }
        return agent;
    }

    synchronized List<VtepLease> leases() {
        List<VtepLease> leases = new ArrayList<>();
        agents.values().forEach(a -> {
            if (a.lease() != null) {
                leases.add(a.lease());
            }
        });
        return leases;
    }

    void publish(VtepLease lease) {
        agents.values().stream().filter(a -> !a.node().equals(lease.node())).forEach(a -> a.apply(lease));
    }
}

package dev.faultlab.backend.k3s;

import dev.faultlab.backend.NodeAgent;
import dev.faultlab.datapath.IpipStandInProgram;
import dev.faultlab.datapath.OverlayControlPlane;
import dev.faultlab.topology.Datapath;
import dev.faultlab.topology.NodeInfo;

import java.util.List;
import java.util.function.Function;

/**
 * Calico-style IPIP on k3s: flannel off, the bridge CNI on {@code cni0} with each node's allocated podCIDR, and
 * {@code tunl0} programmed by the same node code as the docker backend ({@link IpipStandInProgram}).
 */
public final class K3sIpip implements K3sDatapath {
    @Override
    public Datapath datapath() {
        return Datapath.IPIP;
    }

    @Override
    public List<String> serverFlags() {
        return List.of("--flannel-backend=none", "--disable-network-policy");
    }

    @Override
    public Function<String, NodeAgent> configure(K3sNodes nodes) {
        for (NodeInfo node : nodes.nodes()) {
            nodes.containers().get(node.name()).write(BridgeCniConfig.PATH, BridgeCniConfig.forPodCidr(node.podCidr()));
        }
        OverlayControlPlane overlay = OverlayControlPlane.start(new IpipStandInProgram(), nodes.nodes(),
                nodes::shell, "eth0");
        return overlay::agent;
    }
}

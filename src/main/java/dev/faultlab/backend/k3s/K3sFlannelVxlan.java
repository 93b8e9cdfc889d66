package dev.faultlab.backend.k3s;

import dev.faultlab.backend.NodeAgent;
import dev.faultlab.topology.Datapath;

import java.util.List;
import java.util.function.Function;

/** k3s's own flannel with the VXLAN backend ({@code flannel.1}, VNI 1, UDP 8472), running inside the k3s process. */
public final class K3sFlannelVxlan implements K3sDatapath {
    @Override
    public Datapath datapath() {
        return Datapath.FLANNEL_VXLAN;
    }

    @Override
    public List<String> serverFlags() {
        return List.of("--flannel-backend=vxlan");
    }

    @Override
    public Function<String, NodeAgent> configure(K3sNodes nodes) {
        return node -> new EmbeddedFlannelAgent(node, nodes.client());
    }
}

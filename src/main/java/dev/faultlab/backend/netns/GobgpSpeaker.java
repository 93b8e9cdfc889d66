package dev.faultlab.backend.netns;

import dev.faultlab.datapath.GobgpConfig;
import dev.faultlab.topology.BgpDaemon;
import dev.faultlab.topology.BgpOptions;

import java.nio.file.Path;
import java.util.List;

/** gobgpd, the speaker kube-router embeds; its learned routes reach the kernel through {@link BgpRouteSyncMain}. */
public final class GobgpSpeaker implements BgpSpeaker {
    @Override
    public BgpDaemon daemon() {
        return BgpDaemon.GOBGPD;
    }

    @Override
    public List<Tool> tools() {
        return List.of(new Tool("gobgpd", "gobgpd"), new Tool("gobgp", "gobgpd"));
    }

    @Override
    public String configFileName(LabPlan.NodePlan node) {
        return node.name() + ".toml";
    }

    /**
     * One active side per session: a node waits for the nodes before it to connect. When both sides dial at the
     * same moment GoBGP can keep both connections in OpenSent and stall the session (see {@link GobgpConfig}).
     */
    @Override
    public String config(LabPlan.NodePlan node, List<LabPlan.NodePlan> peers, BgpOptions options) {
        return GobgpConfig.toml(node.underlayIp(), peers.stream().map(LabPlan.NodePlan::underlayIp).toList(),
                peers.stream().filter(peer -> peer.index() < node.index()).map(LabPlan.NodePlan::underlayIp)
                        .toList(), options);
    }

    @Override
    public BgpNodeAgent agent(LabRuntime lab, LabPlan.NodePlan node, Path config, BgpOptions options) {
        return new GobgpNodeAgent(lab, node, config, options);
    }
}

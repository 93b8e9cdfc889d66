package dev.faultlab.backend.netns;

import dev.faultlab.topology.BgpDaemon;
import dev.faultlab.topology.BgpOptions;

import java.nio.file.Path;
import java.util.List;

/** bird2; its learned routes reach the main table with {@code proto 17} through {@link BirdRouteSyncMain}. */
public final class BirdSpeaker implements BgpSpeaker {
    @Override
    public BgpDaemon daemon() {
        return BgpDaemon.BIRD;
    }

    @Override
    public List<Tool> tools() {
        return List.of(new Tool("bird", "bird2"), new Tool("birdc", "bird2"));
    }

    @Override
    public String configFileName(LabPlan.NodePlan node) {
        return node.name() + ".conf";
    }

    @Override
    public String config(LabPlan.NodePlan node, List<LabPlan.NodePlan> peers, BgpOptions options) {
        return BirdConfig.conf(node, peers, options);
    }

    @Override
    public BgpNodeAgent agent(LabRuntime lab, LabPlan.NodePlan node, Path config, BgpOptions options) {
        return new BirdNodeAgent(lab, node, config, options);
    }
}

package dev.faultlab.datapath;

import dev.faultlab.topology.Datapath;

import java.util.Optional;

/** flannel's VXLAN backend ({@link FlannelVxlanProgram}). */
public final class FlannelVxlanDatapath implements DatapathDefinition {
    @Override
    public Datapath datapath() {
        return Datapath.FLANNEL_VXLAN;
    }

    @Override
    public String summary() {
        return "flannel VXLAN overlay (flannel.1, MTU 1450, static FDB/neighbor entries per peer)";
    }

    @Override
    public Optional<OverlayProgram> overlay() {
        return Optional.of(new FlannelVxlanProgram());
    }
}

package dev.faultlab.backend.nodenet;

import dev.faultlab.topology.Datapath;

/** flannel's VXLAN backend: {@code flannel.1}, VNI 1, UDP 8472, MTU 1450, next hop = peer's pod network address. */
public final class FlannelVxlanProgram extends VxlanOverlay {
    public FlannelVxlanProgram() {
        super(Datapath.FLANNEL_VXLAN, "flanneld", new VxlanTunnel("flannel.1", 1, 8472, 1450, true, null));
    }
}

package dev.faultlab.datapath;

import dev.faultlab.topology.Datapath;

/**
 * flannel's VXLAN backend: {@code flannel.1}, VNI 1, UDP 8472, MTU 1450, next hop = peer's pod network address.
 * The one definition of this datapath: the container backends' {@link OverlayAgent} and the netns backend's
 * {@code FlannelAgentMain} process both program what this class says.
 */
public final class FlannelVxlanProgram extends VxlanOverlay {
    public FlannelVxlanProgram() {
        super(Datapath.FLANNEL_VXLAN, "flanneld", new VxlanTunnel("flannel.1", 1, 8472, 1450, true, null));
    }
}

package dev.faultlab.datapath;

import dev.faultlab.topology.Datapath;

/**
 * Calico-style IPIP as a stand-in: this kernel has no {@code ipip} module, so {@code tunl0} is a VXLAN device
 * (VNI 1, UDP 4789) with Calico's MTU 1440 and Calico's routes (next hop = peer's underlay address, onlink,
 * proto bird). The one definition of this datapath: the container backends' {@link OverlayAgent} and the netns
 * backend's {@code IpipDriver} (which gives each node a fixed MAC and needs no agent) both program what it says.
 * What the incident needs holds: a node forwarding a 1450-byte DF packet into {@code tunl0} drops it and answers
 * ICMP fragmentation-needed (mtu 1440), exactly as with a real IPIP device. The layout notes say so.
 */
public final class IpipStandInProgram extends VxlanOverlay {
    /** Why the device is not a real IPIP tunnel; backends put it in the layout's notes under {@code tunl0}. */
    public static final String NOTE = "vxlan stand-in (kernel has no ipip)";

    public IpipStandInProgram() {
        super(Datapath.IPIP, "calico-node", new VxlanTunnel("tunl0", 1, 4789, 1440, false, "bird"));
    }
}

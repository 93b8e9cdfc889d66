package dev.faultlab.datapath;

import dev.faultlab.topology.Datapath;

import java.util.Map;
import java.util.Optional;

/** Calico-style IPIP ({@link IpipStandInProgram} where the kernel lacks ipip). */
public final class IpipDatapath implements DatapathDefinition {
    @Override
    public Datapath datapath() {
        return Datapath.IPIP;
    }

    @Override
    public String summary() {
        return "Calico-style IP-in-IP (tunl0, MTU 1440, routes via the peer's underlay address)";
    }

    @Override
    public Optional<OverlayProgram> overlay() {
        return Optional.of(new IpipStandInProgram());
    }

    /** The container backends build tunl0 as the VXLAN stand-in (the netns backend uses a real ipip if it can). */
    @Override
    public Map<String, String> standInNotes() {
        return Map.of("tunl0", IpipStandInProgram.NOTE);
    }
}

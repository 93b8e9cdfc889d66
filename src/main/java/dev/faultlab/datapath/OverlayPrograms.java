package dev.faultlab.datapath;

import dev.faultlab.LabException;
import dev.faultlab.topology.Datapath;

import java.util.Optional;
import java.util.ServiceLoader;

/** Finds the {@link OverlayProgram} of a datapath among the services on the class path. */
public final class OverlayPrograms {
    private OverlayPrograms() {
    }

    /** The overlay program of {@code datapath}, or empty for a routed (non-overlay) datapath such as bgp. */
    public static Optional<OverlayProgram> find(Datapath datapath) {
        return ServiceLoader.load(OverlayProgram.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.datapath() == datapath).findFirst();
    }

    public static OverlayProgram of(Datapath datapath) {
        return find(datapath).orElseThrow(() -> new LabException("datapath " + datapath
                + " is not an overlay this backend can program: use flannel-vxlan or ipip"));
    }
}

package dev.faultlab.datapath;

import dev.faultlab.Registry;
import dev.faultlab.topology.Datapath;

import java.util.Map;
import java.util.Optional;

/**
 * One pod-to-pod datapath, declared once for every backend: its id, the device pod traffic leaves a node by, the
 * pods' MTU, and (for an overlay) the program its agents run on each node. Definitions are ServiceLoader services
 * ({@code META-INF/services/dev.faultlab.datapath.DatapathDefinition}); scenario loading, {@code lab up} and the
 * backends read the known datapaths from {@link #registry()}, never from a list of ids.
 */
public interface DatapathDefinition {
    Datapath datapath();

    /** One line for help texts: what the datapath models. */
    String summary();

    /** What agents program on each node for an overlay; empty for a routed datapath (pod routes via BGP). */
    Optional<OverlayProgram> overlay();

    /** The device pod traffic leaves a node by ({@code flannel.1}, {@code tunl0}); empty for plain routing. */
    default Optional<String> tunnelDevice() {
        return overlay().map(OverlayProgram::device);
    }

    /** The MTU the CNI gives pod interfaces: the tunnel's, so pods never rely on PMTU discovery. */
    default int podMtu() {
        return overlay().map(OverlayProgram::podMtu).orElse(1500);
    }

    /**
     * Where a backend builds a stand-in for what this kernel lacks: device to what it really is, for the layout's
     * notes (so a reader of the lab never mistakes the stand-in for the real device).
     */
    default Map<String, String> standInNotes() {
        return Map.of();
    }

    static Registry<DatapathDefinition> registry() {
        return Registry.of(DatapathDefinition.class, "datapath", d -> d.datapath().id());
    }

    /** The definition of {@code datapath}, or one line listing the installed datapaths. */
    static DatapathDefinition of(Datapath datapath) {
        return registry().get(datapath.id());
    }
}

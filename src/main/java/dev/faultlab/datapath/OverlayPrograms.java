package dev.faultlab.datapath;

import dev.faultlab.LabException;
import dev.faultlab.topology.Datapath;

import java.util.Optional;
import java.util.stream.Collectors;

/** Finds the {@link OverlayProgram} of a datapath through its {@link DatapathDefinition}. */
public final class OverlayPrograms {
    private OverlayPrograms() {
    }

    /** The overlay program of {@code datapath}, or empty for a routed (non-overlay) or unknown datapath. */
    public static Optional<OverlayProgram> find(Datapath datapath) {
        return DatapathDefinition.registry().find(datapath.id()).flatMap(DatapathDefinition::overlay);
    }

    public static OverlayProgram of(Datapath datapath) {
        return find(datapath).orElseThrow(() -> new LabException("datapath " + datapath
                + " is not an overlay this backend can program: use one of " + DatapathDefinition.registry().all()
                .stream().filter(d -> d.overlay().isPresent()).map(d -> d.datapath().id())
                .collect(Collectors.joining(", "))));
    }
}

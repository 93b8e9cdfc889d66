package dev.faultlab.backend.k3s;

import dev.faultlab.Registry;
import dev.faultlab.topology.Datapath;

/** Finds the {@link K3sDatapath} of a datapath among the services on the class path. */
final class K3sDatapaths {
    private K3sDatapaths() {
    }

    public static K3sDatapath of(Datapath datapath) {
        return Registry.of(K3sDatapath.class, "datapath of the k3s backend", d -> d.datapath().id())
                .get(datapath.id());
    }
}

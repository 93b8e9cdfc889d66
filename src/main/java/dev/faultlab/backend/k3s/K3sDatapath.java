package dev.faultlab.backend.k3s;

import dev.faultlab.backend.BackendSettings;
import dev.faultlab.backend.NodeAgent;
import dev.faultlab.topology.Datapath;

import java.util.List;
import java.util.function.Function;

/**
 * What one datapath needs from k3s (what the datapath is, its devices and MTU, comes from its
 * {@code DatapathDefinition}): its server flags, the extra images to import, and the work done once the
 * nodes are up (a CNI config, tunnel devices, a routing daemon). ServiceLoader services found by
 * {@link K3sDatapaths#of(Datapath)}; adding a datapath adds a class and a line.
 */
public interface K3sDatapath {
    Datapath datapath();

    /** Flags for {@code k3s server}, e.g. {@code --flannel-backend=vxlan}. */
    List<String> serverFlags();

    /** Images beyond the pod image this datapath runs (imported from the local Docker into every node). */
    default List<String> images(BackendSettings settings) {
        return List.of();
    }

    /** Finishes the datapath on the running cluster and returns the node agent of each node. */
    Function<String, NodeAgent> configure(K3sNodes nodes);
}

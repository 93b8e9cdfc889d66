package dev.faultlab.backend.docker;

import dev.faultlab.Registry;
import dev.faultlab.backend.NodeAgent;
import dev.faultlab.container.ContainerNode;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.Datapath;
import dev.faultlab.topology.NodeInfo;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * How the docker backend builds one kind of datapath in its node containers. ServiceLoader services found by
 * {@link #datapaths()}; what each datapath is (devices, MTU, overlay program) comes from its
 * {@code DatapathDefinition}; adding a datapath adds a class and a line.
 */
public interface DockerDatapath {
    /** The datapaths this builds. */
    List<Datapath> datapaths();

    /**
     * Builds the datapath on running nodes (cni0 and pods exist) and returns each node's agent. Whatever must be
     * ended with the lab is handed to {@code closeWithLab}.
     */
    Function<String, NodeAgent> start(ClusterSpec spec, List<NodeInfo> nodes, Map<String, ContainerNode> containers,
                                      String underlayDevice, Consumer<AutoCloseable> closeWithLab);

    /**
     * What the report should say about how this backend built {@code spec}'s datapath where it differs from what
     * the scenario asked for (layout notes); none by default.
     */
    default Map<String, String> notes(ClusterSpec spec) {
        return Map.of();
    }

    static DockerDatapath of(Datapath datapath) {
        return Registry.ofEach(DockerDatapath.class, "datapath of the docker backend",
                d -> d.datapaths().stream().map(Datapath::id).toList()).get(datapath.id());
    }
}

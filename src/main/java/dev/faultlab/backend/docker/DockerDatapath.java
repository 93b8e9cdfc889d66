package dev.faultlab.backend.docker;

import dev.faultlab.LabException;
import dev.faultlab.backend.NodeAgent;
import dev.faultlab.container.ContainerNode;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.Datapath;
import dev.faultlab.topology.NodeInfo;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * How the docker backend builds one kind of datapath in its node containers. ServiceLoader services found by
 * {@link #supports(Datapath)}; adding a datapath adds a class and a line.
 */
public interface DockerDatapath {
    boolean supports(Datapath datapath);

    /** The device pod traffic leaves a node by, or null for plain routing. */
    String tunnelDevice(Datapath datapath);

    /** MTU of the pods' interfaces. */
    int podMtu(Datapath datapath);

    /**
     * Builds the datapath on running nodes (cni0 and pods exist) and returns each node's agent. Whatever must be
     * ended with the lab is handed to {@code closeWithLab}.
     */
    Function<String, NodeAgent> start(ClusterSpec spec, List<NodeInfo> nodes, Map<String, ContainerNode> containers,
                                      String underlayDevice, Consumer<AutoCloseable> closeWithLab);

    static DockerDatapath of(Datapath datapath) {
        return ServiceLoader.load(DockerDatapath.class).stream().map(ServiceLoader.Provider::get)
                .filter(d -> d.supports(datapath)).findFirst()
                .orElseThrow(() -> new LabException("the docker backend cannot build datapath " + datapath
                        + ": use flannel-vxlan, ipip or bgp"));
    }
}

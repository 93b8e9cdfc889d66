package dev.faultlab.capture.layout;

import dev.faultlab.topology.ClientInfo;
import dev.faultlab.topology.ClusterLayout;
import dev.faultlab.topology.NodeInfo;
import dev.faultlab.topology.PodInfo;

import java.util.List;
import java.util.stream.Stream;

/** The host names of a lab in snapshot order: nodes, then pods, then clients. */
public final class LabHosts {
    private LabHosts() {
    }

    public static List<String> names(ClusterLayout layout) {
        return Stream.of(layout.nodes().stream().map(NodeInfo::name), layout.pods().stream().map(PodInfo::name),
                layout.clients().stream().map(ClientInfo::name)).flatMap(s -> s).toList();
    }
}

package dev.faultlab.backend.docker;

import dev.faultlab.backend.NodeAgent;
import dev.faultlab.container.ContainerNode;
import dev.faultlab.datapath.OverlayControlPlane;
import dev.faultlab.datapath.OverlayPrograms;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.Datapath;
import dev.faultlab.topology.NodeInfo;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/** flannel VXLAN and the tunl0 stand-in: the shared overlay programs and agents, one batched exec per step. */
public final class OverlayDatapath implements DockerDatapath {
    @Override
    public boolean supports(Datapath datapath) {
        return OverlayPrograms.find(datapath).isPresent();
    }

    @Override
    public String tunnelDevice(Datapath datapath) {
        return OverlayPrograms.of(datapath).device();
    }

    @Override
    public int podMtu(Datapath datapath) {
        return OverlayPrograms.of(datapath).podMtu();
    }

    @Override
    public Function<String, NodeAgent> start(ClusterSpec spec, List<NodeInfo> nodes,
                                             Map<String, ContainerNode> containers, String underlayDevice,
                                             Consumer<AutoCloseable> closeWithLab) {
        OverlayControlPlane overlay = OverlayControlPlane.start(OverlayPrograms.of(spec.datapath()), nodes,
                n -> containers.get(n).batchingShell(), underlayDevice);
        return overlay::agent;
    }
}

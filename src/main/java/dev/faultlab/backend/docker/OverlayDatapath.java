package dev.faultlab.backend.docker;

import dev.faultlab.backend.NodeAgent;
import dev.faultlab.container.ContainerNode;
import dev.faultlab.datapath.DatapathDefinition;
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
    /** Every overlay datapath: this builds whatever a definition's overlay program says. */
    @Override
    public List<Datapath> datapaths() {
        return DatapathDefinition.registry().all().stream().filter(d -> d.overlay().isPresent())
                .map(DatapathDefinition::datapath).toList();
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

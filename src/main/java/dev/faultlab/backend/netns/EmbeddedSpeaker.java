package dev.faultlab.backend.netns;

import dev.faultlab.datapath.GobgpConfig;
import dev.faultlab.datapath.bgp.SpeakerConfig;
import dev.faultlab.topology.BgpDaemon;
import dev.faultlab.topology.BgpOptions;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * faultlab's in-process BGP-4 speaker ({@link dev.faultlab.datapath.bgp.Speaker}): a thread per node in the lab's
 * agent host, nothing to install. It installs its learned routes with {@code proto 17} itself.
 */
public final class EmbeddedSpeaker implements BgpSpeaker {
    @Override
    public BgpDaemon daemon() {
        return BgpDaemon.EMBEDDED;
    }

    @Override
    public List<Tool> tools() {
        return List.of();
    }

    @Override
    public String configFileName(LabPlan.NodePlan node) {
        return node.name() + ".bgp";
    }

    /** One active side per session, as with gobgpd: a node connects to the nodes after it, waits for the others. */
    @Override
    public String config(LabPlan.NodePlan node, List<LabPlan.NodePlan> peers, BgpOptions options) {
        return new SpeakerConfig(node.underlayIp(), GobgpConfig.AS, options.holdTimeSeconds(),
                options.keepaliveSeconds(), options.gracefulRestart() ? OptionalInt.of(options.restartTimeSeconds())
                : OptionalInt.empty(), node.podCidr(), peers.stream()
                .map(peer -> new SpeakerConfig.Peer(peer.underlayIp(), peer.index() > node.index())).toList())
                .format();
    }

    @Override
    public BgpNodeAgent agent(LabRuntime lab, LabPlan.NodePlan node, Path config, BgpOptions options) {
        return new EmbeddedNodeAgent(lab, node, config, options);
    }
}

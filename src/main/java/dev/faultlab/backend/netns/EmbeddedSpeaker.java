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

    /**
     * One active side per session, as with gobgpd, but the other way round: a node connects to the nodes before
     * it and waits for the others. The agent host starts the speakers in node order, so the nodes before a node
     * are already listening when it dials; dialing the nodes after it, most first connects of a 100-node mesh were
     * refused and retried.
     */
    @Override
    public String config(LabPlan.NodePlan node, List<LabPlan.NodePlan> peers, BgpOptions options) {
        return new SpeakerConfig(node.underlayIp(), GobgpConfig.AS, options.holdTimeSeconds(),
                options.keepaliveSeconds(), options.gracefulRestart() ? OptionalInt.of(options.restartTimeSeconds())
                : OptionalInt.empty(), node.podCidr(), peers.stream()
                .map(peer -> new SpeakerConfig.Peer(peer.underlayIp(), peer.index() < node.index())).toList())
                .format();
    }

    @Override
    public BgpNodeAgent agent(LabRuntime lab, LabPlan.NodePlan node, Path config, BgpOptions options) {
        return new EmbeddedNodeAgent(lab, node, config, options);
    }
}

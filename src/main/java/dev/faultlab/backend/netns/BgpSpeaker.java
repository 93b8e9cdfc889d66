package dev.faultlab.backend.netns;

import dev.faultlab.Registry;
import dev.faultlab.topology.BgpDaemon;
import dev.faultlab.topology.BgpOptions;

import java.nio.file.Path;
import java.util.List;

/**
 * A BGP daemon the bgp datapath can run on each node: its configuration and its node agent. Speakers are
 * ServiceLoader services ({@code META-INF/services/dev.faultlab.backend.netns.BgpSpeaker}) found by
 * {@link #daemon()}, so adding one touches nothing else.
 */
public interface BgpSpeaker {
    BgpDaemon daemon();

    /** The speaker's commands and their Debian package, for preflight and doctor. */
    List<Tool> tools();

    /** File name of a node's configuration, e.g. {@code node-1.toml}. */
    String configFileName(LabPlan.NodePlan node);

    /** A node's configuration: an iBGP full mesh with its peers announcing the node's pod CIDR. */
    String config(LabPlan.NodePlan node, List<LabPlan.NodePlan> peers, BgpOptions options);

    /** The node's agent (not started yet), running the speaker on {@code config}. */
    BgpNodeAgent agent(LabRuntime lab, LabPlan.NodePlan node, Path config, BgpOptions options);

    static List<BgpSpeaker> all() {
        return registry().all();
    }

    static BgpSpeaker of(BgpDaemon daemon) {
        return registry().get(daemon.id());
    }

    private static Registry<BgpSpeaker> registry() {
        return Registry.of(BgpSpeaker.class, "BGP daemon of the netns backend", s -> s.daemon().id());
    }
}

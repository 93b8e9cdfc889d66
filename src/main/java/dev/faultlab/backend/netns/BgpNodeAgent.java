package dev.faultlab.backend.netns;

import dev.faultlab.datapath.BgpAgentState;
import dev.faultlab.topology.BgpOptions;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * kube-router on one node: a real BGP speaker plus a route sync installing its learned routes with
 * {@code proto 17}, started, killed, stopped, hung and resumed together (kube-router embeds GoBGP, so in the
 * field they are one process). Subclasses say how to run their speaker and how to read its sessions.
 */
abstract class BgpNodeAgent extends ProcessAgent {
    protected final Path config;
    protected final BgpOptions options;

    BgpNodeAgent(LabRuntime lab, LabPlan.NodePlan node, Path config, BgpOptions options) {
        super(lab, node);
        this.config = config;
        this.options = options;
    }

    /** The route sync's arguments: node, own pod CIDR, the file of installed routes the lab waits on. */
    @Override
    protected List<String> threadArgs() {
        return List.of(node.name(), node.podCidr(), BgpDriver.routesFile(lab, node).toString());
    }

    @Override
    public String kind() {
        return options.daemon().id();
    }

    /**
     * BGP neighbors by address and their session states in RFC 4271 words ({@code established}, {@code active},
     * {@code idle}, ...) as the speaker reports them; empty when it is not running or does not answer.
     */
    public abstract Map<String, String> neighborStates();

    @Override
    public String stateJson() {
        return BgpAgentState.json(kind(), node.name(), isRunning(), neighborStates());
    }
}

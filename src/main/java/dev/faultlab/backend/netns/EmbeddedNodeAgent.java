package dev.faultlab.backend.netns;

import dev.faultlab.datapath.bgp.Speaker;
import dev.faultlab.topology.BgpOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * kube-router with faultlab's own speaker: no process at all, one thread of the lab's agent host that speaks BGP
 * and installs the routes, so the agent host's kill, stop, pause and resume act on the speaker itself (see
 * {@link Speaker} for what each does on the wire). A start after the first is a restart: with graceful restart on,
 * its OPEN says so.
 */
final class EmbeddedNodeAgent extends BgpNodeAgent {
    private boolean restart;

    EmbeddedNodeAgent(LabRuntime lab, LabPlan.NodePlan node, Path config, BgpOptions options) {
        super(lab, node, config, options);
    }

    /** No process; remembers whether this start is a restart, for the thread's arguments that follow. */
    @Override
    protected synchronized List<List<String>> commands(boolean restart) {
        this.restart = restart;
        return List.of();
    }

    @Override
    protected AgentKind threadKind() {
        return AgentKind.BGP_SPEAKER;
    }

    @Override
    protected synchronized List<String> threadArgs() {
        List<String> args = new ArrayList<>(super.threadArgs());
        args.addAll(List.of(config.toString(), restart ? "restart" : "start"));
        return args;
    }

    @Override
    public Map<String, String> neighborStates() {
        return isRunning() ? Speaker.sessionStates(lab.agents().describe(node.name())) : Map.of();
    }
}

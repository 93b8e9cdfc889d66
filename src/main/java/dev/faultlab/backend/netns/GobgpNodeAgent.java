package dev.faultlab.backend.netns;

import dev.faultlab.datapath.BgpAgentState;
import dev.faultlab.datapath.BgpRouteSyncMain;
import dev.faultlab.datapath.Commands;
import dev.faultlab.datapath.JavaMain;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultlab.backend.ExecResult;
import dev.faultlab.topology.BgpOptions;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * kube-router with its embedded GoBGP: a real gobgpd plus {@link BgpRouteSyncMain} (a thread of the lab's agent host). A restart with graceful
 * restart on sets the restart-state flag ({@code gobgpd -r}) as a restarting speaker does.
 */
final class GobgpNodeAgent extends BgpNodeAgent {
    private static final ObjectMapper JSON = new ObjectMapper();

    GobgpNodeAgent(LabRuntime lab, LabPlan.NodePlan node, Path config, BgpOptions options) {
        super(lab, node, config, options);
    }

    @Override
    protected List<List<String>> commands(boolean restart) {
        List<String> gobgpd = new ArrayList<>(List.of("gobgpd", "-f", config.toString(), "-p", "--pprof-disable",
                "--api-hosts", "127.0.0.1:50051", "-l", "info"));
        if (restart && options.gracefulRestart()) {
            gobgpd.add("-r");
        }
        return List.of(gobgpd);
    }

    @Override
    protected AgentKind threadKind() {
        return AgentKind.GOBGP_ROUTE_SYNC;
    }

    @Override
    public Map<String, String> neighborStates() {
        return BgpAgentState.gobgpNeighborStates(neighbors());
    }

    private JsonNode neighbors() {
        if (!isRunning()) {
            return JSON.createArrayNode();
        }
        ExecResult result = Commands.run(List.of("ip", "netns", "exec", node.namespace(), "gobgp", "neighbor", "-j"),
                null, Duration.ofSeconds(2));
        try {
            return result.ok() ? JSON.readTree(result.stdout()) : JSON.createArrayNode();
        } catch (IOException e) {
            return JSON.createArrayNode();
        }
    }
}

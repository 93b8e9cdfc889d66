package dev.faultlab.backend.netns;

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
import java.util.TreeMap;

/**
 * kube-router with its embedded GoBGP: a real gobgpd plus {@link GobgpRouteSyncMain}. A restart with graceful
 * restart on sets the restart-state flag ({@code gobgpd -r}) as a restarting speaker does.
 */
final class GobgpNodeAgent extends BgpNodeAgent {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Integer, String> SESSION_STATES = Map.of(0, "unknown", 1, "idle", 2, "connect",
            3, "active", 4, "opensent", 5, "openconfirm", 6, "established");

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
        return List.of(gobgpd, JavaMain.command(GobgpRouteSyncMain.class, List.of(node.name(), node.podCidr(),
                BgpDriver.routesFile(lab, node).toString())));
    }

    @Override
    public Map<String, String> neighborStates() {
        Map<String, String> states = new TreeMap<>();
        for (JsonNode n : neighbors()) {
            states.put(n.path("state").path("neighbor_address").asText(),
                    SESSION_STATES.getOrDefault(n.path("state").path("session_state").asInt(), "unknown"));
        }
        return states;
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

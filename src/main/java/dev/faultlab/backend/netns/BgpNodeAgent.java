package dev.faultlab.backend.netns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultlab.backend.ExecResult;
import dev.faultlab.topology.BgpOptions;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * kube-router on one node: a real gobgpd plus {@link BgpRouteSyncMain}, started, killed, stopped, hung and resumed
 * together (kube-router embeds GoBGP, so in the field they are one process). A restart with graceful restart on
 * sets the restart-state flag ({@code gobgpd -r}) as a restarting speaker does.
 */
public final class BgpNodeAgent extends ProcessAgent {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Integer, String> SESSION_STATES = Map.of(0, "unknown", 1, "idle", 2, "connect",
            3, "active", 4, "opensent", 5, "openconfirm", 6, "established");

    private final Path config;
    private final BgpOptions options;

    BgpNodeAgent(LabRuntime lab, LabPlan.NodePlan node, Path config, BgpOptions options) {
        super(lab, node);
        this.config = config;
        this.options = options;
    }

    @Override
    public String kind() {
        return "gobgpd";
    }

    @Override
    protected List<List<String>> commands(boolean restart) {
        List<String> gobgpd = new ArrayList<>(List.of("gobgpd", "-f", config.toString(), "-p", "--pprof-disable",
                "--api-hosts", "127.0.0.1:50051", "-l", "info"));
        if (restart && options.gracefulRestart()) {
            gobgpd.add("-r");
        }
        return List.of(gobgpd, JavaMain.command(BgpRouteSyncMain.class, List.of(node.name(), node.podCidr(),
                BgpDriver.routesFile(lab, node).toString())));
    }

    /** BGP neighbors and their session states as gobgpd reports them (empty when it is not running). */
    public Map<String, String> neighborStates() {
        return neighborStates(neighbors());
    }

    /** Neighbor address to session state from {@code gobgp neighbor -j} output (shared with the docker backend). */
    public static Map<String, String> neighborStates(JsonNode neighbors) {
        Map<String, String> states = new java.util.TreeMap<>();
        for (JsonNode n : neighbors) {
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

    @Override
    public String stateJson() {
        return stateJson(node.name(), isRunning(), neighborStates());
    }

    /** {@code agent.json} of a gobgpd agent (shared with the docker backend). */
    public static String stateJson(String node, boolean running, Map<String, String> neighborStates) {
        ObjectNode state = JSON.createObjectNode();
        state.put("kind", "gobgpd").put("node", node).put("running", running);
        ArrayNode neighbors = state.putArray("neighbors");
        neighborStates.forEach((address, session) -> neighbors.addObject()
                .put("address", address).put("state", session).put("asn", GobgpConfig.AS));
        return state.toString();
    }
}

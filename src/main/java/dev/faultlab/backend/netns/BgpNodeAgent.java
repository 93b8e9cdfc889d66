package dev.faultlab.backend.netns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultlab.topology.BgpDaemon;
import dev.faultlab.topology.BgpOptions;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * kube-router on one node: a real BGP speaker plus a route sync installing its learned routes with
 * {@code proto 17}, started, killed, stopped, hung and resumed together (kube-router embeds GoBGP, so in the
 * field they are one process). Subclasses say how to run their speaker and how to read its sessions.
 */
public abstract class BgpNodeAgent extends ProcessAgent {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Integer, String> GOBGP_SESSION_STATES = Map.of(0, "unknown", 1, "idle", 2, "connect",
            3, "active", 4, "opensent", 5, "openconfirm", 6, "established");

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

    /** Neighbor address to session state from {@code gobgp neighbor -j} output (shared with the docker backend). */
    public static Map<String, String> neighborStates(JsonNode gobgpNeighbors) {
        Map<String, String> states = new TreeMap<>();
        for (JsonNode n : gobgpNeighbors) {
            states.put(n.path("state").path("neighbor_address").asText(),
                    GOBGP_SESSION_STATES.getOrDefault(n.path("state").path("session_state").asInt(), "unknown"));
        }
        return states;
    }

    @Override
    public String stateJson() {
        return stateJson(kind(), node.name(), isRunning(), neighborStates());
    }

    /** {@code agent.json} of a gobgpd agent (shared with the docker backend). */
    public static String stateJson(String node, boolean running, Map<String, String> neighborStates) {
        return stateJson(BgpDaemon.GOBGPD.id(), node, running, neighborStates);
    }

    private static String stateJson(String kind, String node, boolean running, Map<String, String> neighborStates) {
        ObjectNode state = JSON.createObjectNode();
        state.put("kind", kind).put("node", node).put("running", running);
        ArrayNode neighbors = state.putArray("neighbors");
        neighborStates.forEach((address, session) -> neighbors.addObject()
                .put("address", address).put("state", session).put("asn", GobgpConfig.AS));
        return state.toString();
    }
}

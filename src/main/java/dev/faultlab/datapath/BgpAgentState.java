package dev.faultlab.datapath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a BGP agent reports about itself, the same on every backend: the session states a speaker gives its
 * neighbors, and the {@code agent.json} the host-state collector writes for it.
 */
public final class BgpAgentState {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Integer, String> GOBGP_SESSION_STATES = Map.of(0, "unknown", 1, "idle", 2, "connect",
            3, "active", 4, "opensent", 5, "openconfirm", 6, "established");

    private BgpAgentState() {
    }

    /** Neighbor address to session state (RFC 4271 words) from {@code gobgp neighbor -j} output. */
    public static Map<String, String> gobgpNeighborStates(JsonNode gobgpNeighbors) {
        Map<String, String> states = new TreeMap<>();
        for (JsonNode n : gobgpNeighbors) {
            states.put(n.path("state").path("neighbor_address").asText(),
                    GOBGP_SESSION_STATES.getOrDefault(n.path("state").path("session_state").asInt(), "unknown"));
        }
        return states;
    }

    /** {@code agent.json} of a BGP agent whose speaker is {@code kind} ({@code gobgpd}, {@code bird}). */
    public static String json(String kind, String node, boolean running, Map<String, String> neighborStates) {
        ObjectNode state = JSON.createObjectNode();
        state.put("kind", kind).put("node", node).put("running", running);
        ArrayNode neighbors = state.putArray("neighbors");
        neighborStates.forEach((address, session) -> neighbors.addObject()
                .put("address", address).put("state", session).put("asn", GobgpConfig.AS));
        return state.toString();
    }
}

package dev.faultlab.detect.state;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** Reads iproute2's {@code -j} output (route, neigh, addr, link, bridge fdb) into records. */
final class IpJson {
    private IpJson() {
    }

    static List<Route> routes(JsonNode array) {
        List<Route> routes = new ArrayList<>();
        for (JsonNode r : array) {
            routes.add(new Route(text(r, "dst"), text(r, "gateway"), text(r, "dev"), text(r, "protocol"),
                    textOr(r, "type", "unicast"), textOr(r, "table", "main")));
        }
        return routes;
    }

    static List<Neighbor> neighbors(JsonNode array) {
        List<Neighbor> neighbors = new ArrayList<>();
        for (JsonNode n : array) {
            neighbors.add(new Neighbor(text(n, "dst"), text(n, "dev"), text(n, "lladdr"), strings(n.path("state"))));
        }
        return neighbors;
    }

    static List<FdbEntry> fdb(JsonNode array) {
        List<FdbEntry> entries = new ArrayList<>();
        for (JsonNode e : array) {
            entries.add(new FdbEntry(text(e, "mac"), text(e, "ifname"), text(e, "dst"), strings(e.path("flags")),
                    text(e, "state")));
        }
        return entries;
    }

    /** {@code address/prefix} of every address in {@code ip -j addr}. */
    static List<String> addresses(JsonNode array) {
        List<String> addresses = new ArrayList<>();
        for (JsonNode link : array) {
            for (JsonNode a : link.path("addr_info")) {
                if (a.hasNonNull("local")) {
                    addresses.add(a.get("local").asText() + "/" + a.path("prefixlen").asInt());
                }
            }
        }
        return addresses;
    }

    static List<LinkStats> links(JsonNode array) {
        List<LinkStats> links = new ArrayList<>();
        for (JsonNode l : array) {
            JsonNode rx = l.path("stats64").path("rx");
            JsonNode tx = l.path("stats64").path("tx");
            long otherhost = rx.has("otherhost") ? rx.path("otherhost").asLong()
                    : rx.path("otherhost_dropped").asLong();
            links.add(new LinkStats(text(l, "ifname"), text(l.path("linkinfo"), "info_kind"), l.path("mtu").asInt(),
                    text(l, "address"), rx.path("packets").asLong(), rx.path("dropped").asLong(),
                    tx.path("dropped").asLong(), otherhost));
        }
        return links;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String textOr(JsonNode node, String field, String fallback) {
        String value = text(node, field);
        return value == null ? fallback : value;
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}

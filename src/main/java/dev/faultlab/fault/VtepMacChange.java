package dev.faultlab.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultlab.backend.Cluster;
import dev.faultlab.backend.ExecResult;
import dev.faultlab.topology.NodeInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A node "reboots" silently and its VXLAN device comes back with a new MAC, while some peers' flannel agents
 * are down and miss the update: their permanent neighbor entries keep the old MAC, so their replies to the
 * rebooted node's pods carry a dead inner destination MAC. Done as it happens: stop the stale peers' agents,
 * stop the node's agent, delete its device, start its agent (which recreates the device with a fresh MAC and
 * announces it). Returns once every agent still running has the new MAC. Healing starts the stale agents.
 */
public final class VtepMacChange implements Fault {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final FaultInfo INFO = new FaultInfo("vtep-mac-change",
            "recreates a node's VXLAN device with a new MAC while some peers' agents are down and miss it",
            Map.of(
                    "node", "the node that reboots (its device gets a new MAC)",
                    "stale", "nodes whose agents are down during the reboot, comma-separated",
                    "device", "the VXLAN device (default flannel.1)",
                    "within-seconds", "how long the running agents may take to learn the new MAC (default 10)"));

    @Override
    public FaultInfo info() {
        return INFO;
    }

    @Override
    public void inject(FaultContext context) {
        Cluster cluster = context.cluster();
        FaultParams params = context.params();
        String node = params.string("node");
        String device = params.string("device", "flannel.1");
        List<String> stale = params.list("stale");
        String oldMac = mac(cluster, node, device);
        stale.forEach(peer -> cluster.agent(peer).stop());
        cluster.agent(node).stop();
        cluster.exec(node, List.of("ip", "link", "del", "dev", device), Duration.ofSeconds(10)).orThrow();
        cluster.agent(node).start();
        Duration within = Duration.ofSeconds(context.params().integer("within-seconds", 10));
        FaultEffect.until(name(), node + "'s agent recreating " + device, within,
                () -> !mac(cluster, node, device).isEmpty());
        String newMac = mac(cluster, node, device);
        context.log().accept(node + ": " + device + " recreated, MAC " + oldMac + " -> " + newMac
                + "; agents down on " + String.join(", ", stale));
        context.facts().accept("old-mac", oldMac);
        context.facts().accept("new-mac", newMac);
        if (newMac.equalsIgnoreCase(oldMac)) {
            throw new IllegalStateException("fault vtep-mac-change: " + node + " came back with the same MAC " + oldMac);
        }
        List<String> updated = cluster.layout().nodes().stream().map(NodeInfo::name)
                .filter(n -> !n.equals(node) && !stale.contains(n)).toList();
        List<NodeInfo> peers = cluster.layout().nodes().stream().filter(n -> !n.name().equals(node)).toList();
        FaultEffect.until(name(), node + "'s agent routing every peer's pod CIDR over the new " + device, within,
                () -> routesAll(cluster, node, device, peers));
        awaitNeighbor(context, updated, device, newMac);
        context.log().accept(String.join(", ", updated) + " learned " + newMac + "; "
                + String.join(", ", stale) + " still hold " + oldMac);
    }

    @Override
    public void heal(FaultContext context) {
        Cluster cluster = context.cluster();
        String node = context.params().string("node");
        String device = context.params().string("device", "flannel.1");
        List<String> stale = context.params().list("stale");
        stale.forEach(peer -> cluster.agent(peer).start());
        awaitNeighbor(context, stale, device, mac(cluster, node, device));
    }

    private void awaitNeighbor(FaultContext context, List<String> peers, String device, String mac) {
        FaultEffect.until(name(), String.join(", ", peers) + " learning MAC " + mac,
                Duration.ofSeconds(context.params().integer("within-seconds", 10)),
                () -> peers.stream().allMatch(peer -> knowsMac(context.cluster(), peer, device, mac)));
    }

    /** The device's MAC, or "" while it does not exist. */
    private static String mac(Cluster cluster, String node, String device) {
        List<String> argv = List.of("ip", "-j", "link", "show", "dev", device);
        ExecResult result = cluster.exec(node, argv, Duration.ofSeconds(10));
        return result.ok() ? parse(result.stdout(), node, argv).path(0).path("address").asText() : "";
    }

    /** The rebooted node is back in business: a route per peer pod CIDR over the recreated device. */
    private static boolean routesAll(Cluster cluster, String node, String device, List<NodeInfo> peers) {
        JsonNode routes = json(cluster, node, List.of("ip", "-j", "route", "show", "dev", device));
        List<String> routed = new ArrayList<>();
        routes.forEach(r -> routed.add(r.path("dst").asText()));
        return peers.stream().allMatch(p -> routed.contains(p.podCidr()));
    }

    private static boolean knowsMac(Cluster cluster, String host, String device, String mac) {
        JsonNode neighbors = json(cluster, host, List.of("ip", "-j", "neigh", "show", "dev", device));
        for (JsonNode n : neighbors) {
            if (mac.equalsIgnoreCase(n.path("lladdr").asText())) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode json(Cluster cluster, String host, List<String> argv) {
        return parse(cluster.exec(host, argv, Duration.ofSeconds(10)).orThrow().stdout(), host, argv);
    }

    private static JsonNode parse(String out, String host, List<String> argv) {
        try {
            return out.isBlank() ? JSON.createArrayNode() : JSON.readTree(out);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable output of " + String.join(" ", argv) + " on " + host, e);
        }
    }
}

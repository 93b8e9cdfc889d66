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

/**
 * A node "reboots" silently and its VXLAN device comes back with a new MAC, while some peers' flannel agents
 * are down and miss the update: their permanent neighbor entries keep the old MAC, so their replies to the
 * rebooted node's pods carry a dead inner destination MAC. Done as it happens: stop the stale peers' agents,
 * stop the node's agent, delete its device, start its agent (which recreates the device with a fresh MAC and
 * announces it). Returns once every agent still running has the new MAC. Healing starts the stale agents.
 */
public final class VtepMacChange implements Fault<VtepMacChange.Params> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final FaultInfo<Params> INFO = new FaultInfo<>("vtep-mac-change",
            "recreates a node's VXLAN device with a new MAC while some peers' agents are down and miss it",
            Params.class);

    public record Params(
            @Param("the node that reboots (its device gets a new MAC)") String node,
            @Param("nodes whose agents are down during the reboot, comma-separated") List<String> stale,
            @Param(value = "the VXLAN device", fallback = "flannel.1") String device,
            @Param(value = "how long the running agents may take to learn the new MAC", fallback = "10")
            int withinSeconds) {
        public Params {
            stale = List.copyOf(stale);
        }
    }

    @Override
    public FaultInfo<Params> info() {
        return INFO;
    }

    @Override
    public void inject(FaultContext context, Params params) {
        Cluster cluster = context.cluster();
        String node = params.node();
        String device = params.device();
        List<String> stale = params.stale();
        String oldMac = mac(cluster, node, device);
        stale.forEach(peer -> cluster.agent(peer).stop());
        cluster.agent(node).stop();
        cluster.exec(node, List.of("ip", "link", "del", "dev", device), Duration.ofSeconds(10)).orThrow();
        cluster.agent(node).start();
        Duration within = Duration.ofSeconds(params.withinSeconds());
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
        awaitNeighbor(context, within, updated, device, newMac);
        context.log().accept(String.join(", ", updated) + " learned " + newMac + "; "
                + String.join(", ", stale) + " still hold " + oldMac);
    }

    @Override
    public boolean heals() {
        return true;
    }

    @Override
    public void heal(FaultContext context, Params params) {
        Cluster cluster = context.cluster();
        params.stale().forEach(peer -> cluster.agent(peer).start());
        awaitNeighbor(context, Duration.ofSeconds(params.withinSeconds()), params.stale(), params.device(),
                mac(cluster, params.node(), params.device()));
    }

    private void awaitNeighbor(FaultContext context, Duration within, List<String> peers, String device, String mac) {
        FaultEffect.until(name(), String.join(", ", peers) + " learning MAC " + mac, within,
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

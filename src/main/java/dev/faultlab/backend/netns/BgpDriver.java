package dev.faultlab.backend.netns;

import dev.faultlab.backend.LabException;
import dev.faultlab.backend.NodeAgent;
import dev.faultlab.topology.Datapath;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * kube-router style routing: no tunnel; each node runs gobgpd in an iBGP full mesh announcing its pod CIDR, and
 * learned routes ({@code 10.244.j.0/24 via <peer underlay IP> proto 17}) are installed by the route sync. GoBGP
 * 3.x waits a hard-coded random 5-9 s before its first outgoing connect (its connect-retry setting only applies
 * to later retries), so bring-up waits for that; see README-netns.md for what was tried and measured.
 */
public final class BgpDriver implements DatapathDriver {
    private static final long CONVERGE_MILLIS = 40_000;

    @Override
    public Datapath datapath() {
        return Datapath.BGP;
    }

    @Override
    public String tunnelDevice() {
        return null;
    }

    @Override
    public int podMtu() {
        return 1500;
    }

    @Override
    public List<Tool> requiredTools() {
        return List.of(new Tool("gobgpd", "gobgpd"), new Tool("gobgp", "gobgpd"));
    }

    @Override
    public Map<String, String> prepare(LabRuntime lab) {
        return Map.of("bgp", "gobgpd iBGP full mesh AS " + GobgpConfig.AS + ", routes installed with proto 17");
    }

    @Override
    public void configureNode(LabRuntime lab, LabPlan.NodePlan node, IpBatch ip, IpBatch bridge) {
        // routes come from BGP
    }

    static Path routesFile(LabRuntime lab, LabPlan.NodePlan node) {
        return lab.state().dir().resolve("bgp").resolve("routes").resolve(node.name());
    }

    @Override
    public Map<String, NodeAgent> startAgents(LabRuntime lab) {
        Map<String, NodeAgent> agents = new LinkedHashMap<>();
        List<LabPlan.NodePlan> nodes = lab.plan().nodes();
        for (LabPlan.NodePlan node : nodes) {
            Path config = lab.state().dir().resolve("bgp").resolve(node.name() + ".toml");
            try {
                Files.createDirectories(config.getParent());
                Files.writeString(config, GobgpConfig.toml(node.underlayIp(), nodes.stream()
                        .filter(n -> !n.equals(node)).map(LabPlan.NodePlan::underlayIp).toList(),
                        lab.plan().spec().bgp()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write gobgpd config " + config + ": " + e.getMessage(), e);
            }
            BgpNodeAgent agent = new BgpNodeAgent(lab, node, config, lab.plan().spec().bgp());
            agent.start();
            agents.put(node.name(), agent);
        }
        awaitConverged(lab);
        return agents;
    }

    /** Waits until every node's route sync has installed a route to every other node's pod CIDR. */
    static void awaitConverged(LabRuntime lab) {
        List<LabPlan.NodePlan> nodes = lab.plan().nodes();
        if (!Polling.until(() -> nodes.stream().allMatch(n -> hasAllRoutes(lab, n)),
                Duration.ofMillis(CONVERGE_MILLIS), Duration.ofMillis(50))) {
            throw new LabException("BGP did not converge within " + CONVERGE_MILLIS / 1000 + " s: see gobgpd logs"
                    + " in " + lab.state().dir().resolve("logs"));
        }
    }

    private static boolean hasAllRoutes(LabRuntime lab, LabPlan.NodePlan node) {
        try {
            Path file = routesFile(lab, node);
            String routes = Files.exists(file) ? Files.readString(file) : "";
            return lab.plan().nodes().stream().filter(n -> !n.equals(node))
                    .allMatch(n -> routes.contains(n.podCidr() + " "));
        } catch (IOException e) {
            return false;
        }
    }
}

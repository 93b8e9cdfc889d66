package dev.faultlab.backend.netns;

import dev.faultlab.datapath.IpBatch;
import dev.faultlab.datapath.GobgpConfig;
import dev.faultlab.LabException;
import dev.faultlab.backend.NodeAgent;
import dev.faultlab.topology.BgpOptions;
import dev.faultlab.topology.Datapath;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * kube-router style routing: no tunnel; each node runs a BGP speaker ({@link BgpOptions#daemon()}: bird by
 * default, gobgpd, or the in-process {@link EmbeddedSpeaker}) in an iBGP full mesh announcing its pod CIDR, and learned routes
 * ({@code 10.244.j.0/24 via <peer underlay IP> proto 17}) are installed by the route sync. Bring-up waits until
 * every node has every route: 1-2.5 s with bird, 6-10 s with gobgpd, whose 3.x releases wait a hard-coded
 * random 5-9 s before the first outgoing connect (see README-netns.md for what was tried and measured).
 */
public final class BgpDriver implements DatapathDriver {
    private static final long CONVERGE_MILLIS = 60_000;
    private static final long LIVENESS_CHECK_NANOS = 1_000_000_000L;

    @Override
    public Datapath datapath() {
        return Datapath.BGP;
    }

    @Override
    public List<Tool> requiredTools() {
        return BgpSpeaker.all().stream().flatMap(s -> s.tools().stream()).toList();
    }

    @Override
    public Map<String, String> prepare(LabRuntime lab) {
        lab.agents().prestart(); // the route syncs' host boots while the lab is built
        return Map.of("bgp", lab.plan().spec().bgp().daemon() + " iBGP full mesh AS " + GobgpConfig.AS
                + ", routes installed with proto 17; configs in " + configDir(lab));
    }

    /**
     * Routes come from BGP. Each peer's neighbor entry is there as in a mesh that has been up (stale: used, and
     * confirmed by the sessions' own traffic): without them, 100 nodes resolving 99 peers each broadcast ~5,000
     * ARP requests that the underlay bridge copied to all 100 nodes, during the mesh's start.
     */
    @Override
    public void configureNode(LabRuntime lab, LabPlan.NodePlan node, IpBatch ip, IpBatch bridge) {
        for (LabPlan.NodePlan peer : lab.plan().nodes()) {
            if (!peer.equals(node)) {
                ip.add("neigh", "replace", peer.underlayIp(), "lladdr", peer.underlayMac(), "dev", "eth0", "nud",
                        "stale");
            }
        }
    }

    private static Path configDir(LabRuntime lab) {
        return lab.state().dir().resolve("bgp");
    }

    static Path routesFile(LabRuntime lab, LabPlan.NodePlan node) {
        return configDir(lab).resolve("routes").resolve(node.name());
    }

    /**
     * Starts every node's route sync, then every speaker, and waits for convergence. The syncs go first, in one
     * request to the agent host: sent while 100 speakers were starting, it waited seconds for the CPU. The
     * speakers start together, once every node is built: started as each node was built, they spent the build
     * connecting to nodes not built yet (a failed connect, ARP broadcasts to every node, a retry a second later)
     * and used 2-4 times the CPU for the same mesh.
     */
    @Override
    public Map<String, NodeAgent> startAgents(LabRuntime lab) {
        Map<String, BgpNodeAgent> agents = new LinkedHashMap<>();
        List<LabPlan.NodePlan> nodes = lab.plan().nodes();
        BgpOptions options = lab.plan().spec().bgp();
        BgpSpeaker speaker = BgpSpeaker.of(options.daemon());
        List<Callable<Void>> spawns = new ArrayList<>();
        for (LabPlan.NodePlan node : nodes) {
            Path config = configDir(lab).resolve(speaker.configFileName(node));
            try {
                Files.createDirectories(config.getParent());
                Files.writeString(config, speaker.config(node,
                        nodes.stream().filter(n -> !n.equals(node)).toList(), options));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + speaker.daemon() + " config " + config + ": "
                        + e.getMessage(), e);
            }
            BgpNodeAgent agent = speaker.agent(lab, node, config, options);
            agents.put(node.name(), agent);
            spawns.add(() -> {
                agent.startProcesses();
                return null;
            });
        }
        ProcessAgent.startThreads(lab, agents.values());
        NetworkBuilder.runAll(spawns); // a few at a time, so one node's spawn overlaps another's
        awaitConverged(lab, agents);
        return new LinkedHashMap<>(agents);
    }

    /**
     * Waits until every node's route sync has installed a route to every other node's pod CIDR, failing fast (checked
     * once a second) when a node's agent died: its speaker or its route sync.
     */
    static void awaitConverged(LabRuntime lab, Map<String, BgpNodeAgent> agents) {
        List<LabPlan.NodePlan> nodes = lab.plan().nodes();
        long[] nextLivenessCheck = {System.nanoTime() + LIVENESS_CHECK_NANOS};
        boolean converged = Polling.until(() -> {
            if (System.nanoTime() > nextLivenessCheck[0]) {
                nextLivenessCheck[0] = System.nanoTime() + LIVENESS_CHECK_NANOS;
                ProcessAgent.firstNotRunning(lab, agents.values()).ifPresent(dead -> {
                    throw new LabException("the BGP agent of " + dead.node() + " exited before convergence: "
                            + dead.output().strip());
                });
            }
            return nodes.stream().allMatch(n -> hasAllRoutes(lab, n));
        }, Duration.ofMillis(CONVERGE_MILLIS), Duration.ofMillis(50));
        if (!converged) {
            throw new LabException("BGP did not converge within " + CONVERGE_MILLIS / 1000 + " s: see the "
                    + lab.plan().spec().bgp().daemon() + " logs in " + lab.state().dir().resolve("logs"));
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

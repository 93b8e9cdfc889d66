package dev.faultlab.backend.netns;

import dev.faultlab.datapath.IpBatch;
import dev.faultlab.LabException;
import dev.faultlab.backend.NodeAgent;
import dev.faultlab.datapath.VtepLease;
import dev.faultlab.topology.Datapath;
import dev.faultlab.topology.NodeInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * flannel's VXLAN backend on the netns lab: flannel.1 as {@link dev.faultlab.datapath.FlannelVxlanProgram}
 * defines it, programmed by one in-lab flannel agent per node (a thread of the lab's agent host) that shares a
 * lease table with the others
 * (see {@link FlannelAgentMain}).
 */
public final class FlannelVxlanDriver implements DatapathDriver {
    private static final long CONVERGE_MILLIS = 60_000;
    private static final long LIVENESS_CHECK_NANOS = 1_000_000_000L;

    /** This lab's agents, started by {@link #prepare} (a driver instance serves one lab). */
    private final Map<String, FlannelNodeAgent> agents = new LinkedHashMap<>();

    @Override
    public Datapath datapath() {
        return Datapath.FLANNEL_VXLAN;
    }

    @Override
    public List<Tool> requiredTools() {
        return List.of();
    }

    @Override
    public Map<String, String> prepare(LabRuntime lab) {
        // the agent host's JVM boots while nodes and pods are configured
        lab.agents().prestart();
        return Map.of("flannel", "agents share the lease table in " + leaseDir(lab));
    }

    /**
     * flannel.1 itself (kernel-chosen MAC) in the node's batch, so every agent finds it and publishes its lease at
     * once: all leases arrive in one burst, and each agent programs its peers in one or two rounds. Its entries
     * are the agent's job, and so is recreating it after a "reboot" deleted it.
     */
    @Override
    public void configureNode(LabRuntime lab, LabPlan.NodePlan node, IpBatch ip, IpBatch bridge) {
        IpBatch.split(FlannelAgentMain.PROGRAM.device(new NodeInfo(node.name(), node.underlayIp(), node.podCidr(),
                FlannelAgentMain.PROGRAM.device()), "eth0"), ip, bridge);
    }

    static Path leaseDir(LabRuntime lab) {
        return lab.state().dir().resolve("flannel").resolve("leases");
    }

    static Path syncedDir(LabRuntime lab) {
        return lab.state().dir().resolve("flannel").resolve("synced");
    }

    @Override
    public Map<String, NodeAgent> startAgents(LabRuntime lab) {
        for (LabPlan.NodePlan node : lab.plan().nodes()) {
            agents.put(node.name(), new FlannelNodeAgent(lab, node));
        }
        ProcessAgent.startThreads(lab, agents.values()); // flannel agents are threads only
        awaitConverged(lab, agents);
        return new LinkedHashMap<>(agents);
    }

    /**
     * Waits until every agent has programmed every peer's current lease, failing fast if an agent died. A poll
     * reads the lease table once and each agent's synced file; liveness (a request to the agent host per agent)
     * is checked once a second, so that waiting on a 100-node lab costs little of the CPU the agents need.
     */
    private static void awaitConverged(LabRuntime lab, Map<String, FlannelNodeAgent> agents) {
        LeaseTable table = new LeaseTable(leaseDir(lab));
        long[] nextLivenessCheck = {0};
        boolean converged = Polling.until(() -> {
            if (System.nanoTime() > nextLivenessCheck[0]) {
                nextLivenessCheck[0] = System.nanoTime() + LIVENESS_CHECK_NANOS;
                ProcessAgent.firstNotRunning(lab, agents.values()).ifPresent(dead -> {
                    throw new LabException("flannel agent on " + dead.node() + " exited: " + dead.output().strip());
                });
            }
            List<VtepLease> leases = table.all();
            if (leases.size() != agents.size()) {
                return false;
            }
            Map<String, String> lines = leases.stream().collect(Collectors.toMap(VtepLease::node,
                    l -> l.node() + " " + l.vtepMac() + "\n"));
            String all = new java.util.TreeMap<>(lines).values().stream().collect(Collectors.joining());
            return agents.keySet().stream().allMatch(n -> synced(lab, n, peersLine(all, lines.get(n))));
        }, Duration.ofMillis(CONVERGE_MILLIS), Duration.ofMillis(25));
        if (!converged) {
            throw new LabException("flannel agents did not converge within " + CONVERGE_MILLIS + " ms: see their logs"
                    + " in " + lab.state().dir().resolve("logs"));
        }
    }

    /** What an agent's synced file holds once it programmed every peer: their lines, or one newline for none. */
    private static String peersLine(String allLines, String ownLine) {
        String peers = allLines.replace(ownLine, "");
        return peers.isEmpty() ? "\n" : peers;
    }

    private static boolean synced(LabRuntime lab, String node, String expected) {
        try {
            Path file = syncedDir(lab).resolve(node);
            return Files.exists(file) && Files.readString(file).equals(expected);
        } catch (IOException e) {
            return false;
        }
    }
}

package dev.faultlab.backend.netns;

import dev.faultlab.LabException;
import dev.faultlab.backend.NodeAgent;
import dev.faultlab.datapath.VtepLease;
import dev.faultlab.topology.Datapath;

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
 * defines it, programmed by one in-lab flannel agent process per node that shares a lease table with the others
 * (see {@link FlannelAgentMain}).
 */
public final class FlannelVxlanDriver implements DatapathDriver {
    private static final long CONVERGE_MILLIS = 20_000;

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
        // agents only need eth0, which the underlay made: their JVMs boot while nodes and pods are configured
        for (LabPlan.NodePlan node : lab.plan().nodes()) {
            FlannelNodeAgent agent = new FlannelNodeAgent(lab, node);
            agent.start();
            agents.put(node.name(), agent);
        }
        return Map.of("flannel", "agents share the lease table in " + leaseDir(lab));
    }

    @Override
    public void configureNode(LabRuntime lab, LabPlan.NodePlan node, IpBatch ip, IpBatch bridge) {
        // flannel.1 and its entries are the agent's job
    }

    static Path leaseDir(LabRuntime lab) {
        return lab.state().dir().resolve("flannel").resolve("leases");
    }

    static Path syncedDir(LabRuntime lab) {
        return lab.state().dir().resolve("flannel").resolve("synced");
    }

    @Override
    public Map<String, NodeAgent> startAgents(LabRuntime lab) {
        awaitConverged(lab, agents);
        return new LinkedHashMap<>(agents);
    }

    /** Waits until every agent has programmed every peer's current lease (failing fast if an agent died). */
    private static void awaitConverged(LabRuntime lab, Map<String, FlannelNodeAgent> agents) {
        LeaseTable table = new LeaseTable(leaseDir(lab));
        boolean converged = Polling.until(() -> {
            agents.values().stream().filter(a -> !a.isRunning()).findFirst().ifPresent(dead -> {
                throw new LabException("flannel agent on " + dead.node() + " exited: " + dead.output().strip());
            });
            List<VtepLease> leases = table.all();
            return leases.size() == agents.size() && agents.keySet().stream().allMatch(n -> synced(lab, n, leases));
        }, Duration.ofMillis(CONVERGE_MILLIS), Duration.ofMillis(10));
        if (!converged) {
            throw new LabException("flannel agents did not converge within " + CONVERGE_MILLIS + " ms: see their logs"
                    + " in " + lab.state().dir().resolve("logs"));
        }
    }

    private static boolean synced(LabRuntime lab, String node, List<VtepLease> leases) {
        String expected = leases.stream().filter(l -> !l.node().equals(node))
                .map(l -> l.node() + " " + l.vtepMac()).collect(Collectors.joining("\n", "", "\n"));
        try {
            Path file = syncedDir(lab).resolve(node);
            return Files.exists(file) && Files.readString(file).equals(expected);
        } catch (IOException e) {
            return false;
        }
    }
}

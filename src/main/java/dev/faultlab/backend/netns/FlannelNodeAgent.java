package dev.faultlab.backend.netns;

import dev.faultlab.datapath.Commands;
import dev.faultlab.datapath.JavaMain;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultlab.LabException;
import dev.faultlab.datapath.VtepLease;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The flannel agent of one node: a {@link FlannelAgentMain} thread of the lab's agent host, in the node's namespace. */
public final class FlannelNodeAgent extends ProcessAgent {
    private final LeaseTable leases;

    FlannelNodeAgent(LabRuntime lab, LabPlan.NodePlan node) {
        super(lab, node);
        this.leases = new LeaseTable(FlannelVxlanDriver.leaseDir(lab));
    }

    @Override
    public String kind() {
        return FlannelAgentMain.PROGRAM.agentKind();
    }

    @Override
    protected List<List<String>> commands(boolean restart) {
        return List.of();
    }

    @Override
    protected AgentKind threadKind() {
        return AgentKind.FLANNEL;
    }

    @Override
    protected List<String> threadArgs() {
        return List.of(FlannelVxlanDriver.leaseDir(lab).toString(), FlannelVxlanDriver.syncedDir(lab).toString(),
                node.name(), node.podNet(), node.underlayIp());
    }

    /**
     * A silent node reboot as in the field report: the agent dies, flannel.1 disappears, and the restarted agent
     * recreates it with a new random MAC and republishes its lease. Returns the new MAC once published.
     */
    public String reboot() {
        String before = lease().map(VtepLease::vtepMac).orElse("");
        kill();
        Commands.run(List.of("ip", "-n", node.namespace(), "link", "del", FlannelAgentMain.PROGRAM.device())).orThrow();
        start();
        boolean republished = Polling.until(() -> lease().map(VtepLease::vtepMac).filter(m -> !m.equals(before))
                .isPresent(), Duration.ofSeconds(15), Duration.ofMillis(20));
        if (!republished) {
            throw new LabException("flannel agent on " + node.name() + " did not republish its lease after reboot: "
                    + output().strip());
        }
        return lease().orElseThrow().vtepMac();
    }

    /** This node's lease as published in the lease table. */
    public Optional<VtepLease> lease() {
        return leases.lease(node.name());
    }

    @Override
    public String stateJson() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode state = json.createObjectNode().put("kind", kind()).put("node", node.name())
                .put("running", isRunning());
        ArrayNode table = state.putArray("leases");
        leases.all().forEach(l -> table.add(json.valueToTree(l)));
        return state.toString();
    }
}

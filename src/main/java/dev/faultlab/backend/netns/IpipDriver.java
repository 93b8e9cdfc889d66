package dev.faultlab.backend.netns;

import dev.faultlab.datapath.IpBatch;
import dev.faultlab.datapath.Commands;
import dev.faultlab.backend.NodeAgent;
import dev.faultlab.datapath.IpipStandInProgram;
import dev.faultlab.datapath.OverlayProgram;
import dev.faultlab.datapath.VtepLease;
import dev.faultlab.topology.Datapath;
import dev.faultlab.topology.NodeInfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Calico-style IP-in-IP on the netns lab: {@code tunl0} with MTU 1440 on every node and, per peer, a route
 * {@code 10.244.j.0/24 via <peer underlay IP> dev tunl0 onlink proto bird}, all as
 * {@link IpipStandInProgram} defines it for every backend. A real ipip device is used when the kernel has the ipip
 * module (then only the program's routes are needed). Otherwise (this lab machine's kernel) the program's stand-in
 * is built: a VXLAN device with static FDB and neighbor entries for each peer's underlay address, with a fixed MAC
 * per node so every peer's entries are known up front and no agent is needed. What the incidents depend on is
 * identical: a node forwarding a 1450-byte DF packet into tunl0 answers ICMP fragmentation-needed (mtu 1440) and
 * counts IpFragFails.
 */
public final class IpipDriver implements DatapathDriver {
    private static final OverlayProgram PROGRAM = new IpipStandInProgram();
    private static final String DEVICE = PROGRAM.device();

    private boolean realIpip;

    @Override
    public Datapath datapath() {
        return Datapath.IPIP;
    }

    @Override
    public List<Tool> requiredTools() {
        return List.of();
    }

    @Override
    public Map<String, String> prepare(LabRuntime lab) {
        String probeNs = lab.plan().nodes().get(0).namespace();
        // creating tunl0 loads the module, or fails with "File exists" when the module already made the
        // fallback tunl0; either way tunl0 then exists. Without ipip the type is unknown and nothing is made.
        Commands.run(List.of("ip", "-n", probeNs, "link", "add", DEVICE, "type", "ipip"));
        realIpip = Commands.run(List.of("ip", "-n", probeNs, "link", "show", DEVICE)).ok();
        return Map.of(DEVICE, realIpip
                ? "ipip (kernel ipip module)"
                : IpipStandInProgram.NOTE + ": MTU " + PROGRAM.podMtu() + ", static neighbor/FDB per peer");
    }

    @Override
    public void configureNode(LabRuntime lab, LabPlan.NodePlan node, IpBatch ip, IpBatch bridge) {
        NodeInfo self = new NodeInfo(node.name(), node.underlayIp(), node.podCidr(), DEVICE);
        IpBatch.split(realIpip ? PROGRAM.raise(self) : PROGRAM.device(self, "eth0", Optional.of(mac(node))),
                ip, bridge);
        for (LabPlan.NodePlan peer : lab.plan().nodes()) {
            if (peer.equals(node)) {
                continue;
            }
            VtepLease lease = new VtepLease(peer.name(), peer.podCidr(), mac(peer), peer.underlayIp());
            IpBatch.split(realIpip ? List.of(PROGRAM.route(lease)) : PROGRAM.peer(lease), ip, bridge);
        }
    }

    /** A fixed, locally administered MAC per node for the stand-in, so every peer entry is known up front. */
    private static String mac(LabPlan.NodePlan node) {
        return String.format("0e:e1:00:00:00:%02x", node.index());
    }

    @Override
    public Map<String, NodeAgent> startAgents(LabRuntime lab) {
        Map<String, NodeAgent> agents = new LinkedHashMap<>();
        for (LabPlan.NodePlan node : lab.plan().nodes()) {
            agents.put(node.name(), new NoAgent(node.name(), "the ipip datapath's routes are static"));
        }
        return agents;
    }
}

package dev.faultlab.backend.netns;

import dev.faultlab.backend.NodeAgent;
import dev.faultlab.topology.Datapath;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Calico-style IP-in-IP: {@code tunl0} with MTU 1440 on every node and, per peer, a route
 * {@code 10.244.j.0/24 via <peer underlay IP> dev tunl0 onlink proto bird}. A real ipip device is used when the
 * kernel has the ipip module. Otherwise (this lab machine's kernel) a stand-in with the same name, MTU and routes
 * is built: a VXLAN device with static neighbor and FDB entries for each peer's underlay address. What the
 * incidents depend on is identical: a node forwarding a 1450-byte DF packet into tunl0 answers ICMP
 * fragmentation-needed (mtu 1440) and counts IpFragFails.
 */
public final class IpipDriver implements DatapathDriver {
    static final String DEVICE = "tunl0";
    static final int MTU = 1440;

    private boolean realIpip;

    @Override
    public Datapath datapath() {
        return Datapath.IPIP;
    }

    @Override
    public String tunnelDevice() {
        return DEVICE;
    }

    @Override
    public int podMtu() {
        return MTU;
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
                : "vxlan stand-in named tunl0 (MTU 1440, static neighbor/FDB per peer): this kernel has no ipip");
    }

    @Override
    public void configureNode(LabRuntime lab, LabPlan.NodePlan node, IpBatch ip, IpBatch bridge) {
        if (!realIpip) {
            ip.add("link", "add", DEVICE, "address", mac(node), "type", "vxlan", "id", "1", "dstport", "4789",
                    "nolearning", "local", node.underlayIp(), "dev", "eth0");
        }
        ip.add("link", "set", DEVICE, "mtu", Integer.toString(MTU), "up")
                .add("addr", "add", node.tunnelAddress() + "/32", "dev", DEVICE);
        for (LabPlan.NodePlan peer : lab.plan().nodes()) {
            if (peer.equals(node)) {
                continue;
            }
            if (!realIpip) {
                ip.add("neigh", "add", peer.underlayIp(), "lladdr", mac(peer), "dev", DEVICE, "nud", "permanent");
                bridge.add("fdb", "append", mac(peer), "dev", DEVICE, "dst", peer.underlayIp(), "self", "permanent");
            }
            ip.add("route", "add", peer.podCidr(), "via", peer.underlayIp(), "dev", DEVICE, "onlink",
                    "proto", "bird");
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

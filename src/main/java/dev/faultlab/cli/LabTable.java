package dev.faultlab.cli;

import dev.faultlab.backend.Cluster;
import dev.faultlab.topology.ClientInfo;
import dev.faultlab.topology.ClusterLayout;
import dev.faultlab.topology.NodeInfo;
import dev.faultlab.topology.PodInfo;
import dev.faultlab.topology.ServiceInfo;

import java.util.function.UnaryOperator;

/**
 * The readable picture of a lab that {@code faultlab lab up} prints: hosts, how to reach each (its namespace on the
 * netns backend), IPs, devices.
 */
final class LabTable {
    private static final String ROW = "%-10s %-7s %-24s %-16s %s%n";

    private LabTable() {
    }

    static String render(Cluster lab, UnaryOperator<String> handle, long millis) {
        ClusterLayout layout = lab.layout();
        StringBuilder out = new StringBuilder();
        out.append(String.format("lab %s (backend %s, datapath %s) built in %d ms%n", layout.labId(),
                layout.backend(), layout.datapath(), millis));
        out.append(String.format(ROW, "HOST", "ROLE", "NAMESPACE", "IP", "DEVICES"));
        out.append(String.format(ROW, "underlay", "gateway", handle.apply("underlay"), "192.168.100.1",
                "br0 (the L2 underlay; default route blackhole)"));
        for (NodeInfo node : layout.nodes()) {
            String tunnel = node.tunnelDevice() == null ? "" : ", " + node.tunnelDevice();
            out.append(String.format(ROW, node.name(), "node", handle.apply(node.name()), node.underlayIp(),
                    "eth0, cni0 (pods " + node.podCidr() + ")" + tunnel));
        }
        for (PodInfo pod : layout.pods()) {
            out.append(String.format(ROW, pod.name(), "pod", handle.apply(pod.name()), pod.ip(),
                    "eth0 = veth" + pod.name() + " on " + pod.node() + "/cni0"));
        }
        for (ClientInfo client : layout.clients()) {
            out.append(String.format(ROW, client.name(), "client", handle.apply(client.name()), client.ip(),
                    "eth0 on the underlay"));
        }
        for (ServiceInfo svc : layout.services()) {
            out.append(String.format("service %s %s:%d -> %s:%d%s%n", svc.name(), svc.clusterIp(), svc.port(),
                    svc.endpoints(), svc.targetPort(),
                    svc.nodePort() > 0 ? " nodePort " + svc.nodePort() + " policy " + svc.policy() : ""));
        }
        layout.notes().forEach((key, value) -> out.append(String.format("note %s: %s%n", key, value)));
        return out.toString();
    }
}

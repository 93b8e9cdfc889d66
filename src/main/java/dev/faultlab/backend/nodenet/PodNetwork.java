package dev.faultlab.backend.nodenet;

import dev.faultlab.topology.PodInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * The bridge CNI of a node: a {@code cni0} bridge holding the pod CIDR's first address and, per pod, a network
 * namespace named after the pod with {@code eth0} on a veth into {@code cni0} and a default route via the bridge.
 * TSO/GSO are off on both veth ends so a large TCP segment is what crosses the wire, not a super-frame that would
 * slip past a smaller MTU downstream.
 */
public final class PodNetwork {
    public static final String BRIDGE = "cni0";
    private static final int PREFIX = 24;

    private PodNetwork() {
    }

    /** Commands that make {@code cni0} with {@code gatewayIp} (e.g. {@code 10.244.1.1}). */
    public static List<List<String>> bridge(String gatewayIp) {
        return List.of(
                List.of("ip", "link", "add", BRIDGE, "type", "bridge"),
                List.of("ip", "addr", "add", gatewayIp + "/" + PREFIX, "dev", BRIDGE),
                List.of("ip", "link", "set", BRIDGE, "up"));
    }

    /** Commands that attach {@code pod} (its namespace named after it) to {@code cni0}. */
    public static List<List<String>> pod(PodInfo pod, String gatewayIp) {
        String ns = pod.name();
        String hostEnd = hostVeth(pod);
        List<List<String>> plan = new ArrayList<>();
        plan.add(List.of("ip", "netns", "add", ns));
        plan.add(List.of("ip", "link", "add", hostEnd, "type", "veth", "peer", "name", "eth0", "netns", ns));
        plan.add(List.of("ip", "link", "set", hostEnd, "master", BRIDGE, "up"));
        plan.add(List.of("ip", "-n", ns, "addr", "add", pod.ip() + "/" + PREFIX, "dev", "eth0"));
        plan.add(List.of("ip", "-n", ns, "link", "set", "lo", "up"));
        plan.add(List.of("ip", "-n", ns, "link", "set", "eth0", "up"));
        plan.add(List.of("ip", "-n", ns, "route", "add", "default", "via", gatewayIp));
        plan.add(List.of("ethtool", "-K", hostEnd, "tso", "off", "gso", "off"));
        plan.add(List.of("ip", "netns", "exec", ns, "ethtool", "-K", "eth0", "tso", "off", "gso", "off"));
        return plan;
    }

    /** The node-side veth of a pod: {@code veth} plus the pod's suffix ({@code pod-1-a} -> {@code veth1a}). */
    public static String hostVeth(PodInfo pod) {
        return "veth" + pod.name().replace("pod-", "").replace("-", "");
    }

    /** The command that runs {@code argv} inside the pod's namespace on its node. */
    public static List<String> inPod(String pod, List<String> argv) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", pod));
        command.addAll(argv);
        return command;
    }
}

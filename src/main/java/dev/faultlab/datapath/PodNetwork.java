package dev.faultlab.datapath;

import dev.faultlab.topology.PodInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * The bridge CNI of a node: a {@code cni0} bridge holding the pod CIDR's first address and, per pod, a network
 * namespace named after the pod with {@code eth0} on a veth (hairpin on, MTU of the datapath) into {@code cni0} and a
 * default route via the bridge, as the netns backend builds it. TSO/GSO/GRO are off on both veth ends so a large
 * TCP segment is what crosses the wire, not a super-frame that would slip past a smaller MTU downstream.
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

    /** Commands that attach {@code pod} (its namespace named after it) to {@code cni0} with interface MTU {@code mtu}. */
    public static List<List<String>> pod(PodInfo pod, String gatewayIp, int mtu) {
        String ns = pod.name();
        String hostEnd = hostVeth(pod);
        String mtuText = Integer.toString(mtu);
        List<List<String>> plan = new ArrayList<>();
        plan.add(List.of("ip", "netns", "add", ns));
        plan.add(List.of("ip", "link", "add", hostEnd, "mtu", mtuText, "type", "veth", "peer", "name", "eth0",
                "netns", ns));
        plan.add(List.of("ip", "link", "set", hostEnd, "master", BRIDGE, "up"));
        plan.add(List.of("ip", "link", "set", "dev", hostEnd, "type", "bridge_slave", "hairpin", "on"));
        plan.add(List.of("ip", "-n", ns, "addr", "add", pod.ip() + "/" + PREFIX, "dev", "eth0"));
        plan.add(List.of("ip", "-n", ns, "link", "set", "lo", "up"));
        plan.add(List.of("ip", "-n", ns, "link", "set", "eth0", "mtu", mtuText, "up"));
        plan.add(List.of("ip", "-n", ns, "route", "add", "default", "via", gatewayIp));
        plan.add(noOffloads(hostEnd));
        plan.add(inNamespace(ns, noOffloads("eth0")));
        return plan;
    }

    /** Turns TSO, GSO and GRO off on {@code device}. */
    public static List<String> noOffloads(String device) {
        return List.of("ethtool", "-K", device, "tso", "off", "gso", "off", "gro", "off");
    }

    private static List<String> inNamespace(String ns, List<String> argv) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        command.addAll(argv);
        return command;
    }

    /** The node-side veth of a pod: {@code veth} plus the pod's suffix ({@code pod-1-a} -> {@code veth1a}). */
    public static String hostVeth(PodInfo pod) {
        return "veth" + pod.name().replace("pod-", "").replace("-", "");
    }
}

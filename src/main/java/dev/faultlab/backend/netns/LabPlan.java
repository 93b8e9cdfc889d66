package dev.faultlab.backend.netns;

import dev.faultlab.topology.ClusterSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every host of a lab with its namespace name and addresses, computed from the spec before anything is created
 * (so the state directory can list all namespaces up front and a failed bring-up knows what to remove).
 *
 * @param labId    unique lab id, the prefix of every namespace
 * @param spec     what was asked for
 * @param underlay the namespace holding the underlay bridge and the default gateway
 * @param nodes    nodes in order
 * @param pods     pods in order
 * @param clients  clients on the underlay
 */
record LabPlan(String labId, ClusterSpec spec, String underlay, List<NodePlan> nodes, List<PodPlan> pods,
               List<ClientPlan> clients) {
    static final String UNDERLAY_PREFIX = "192.168.100.";
    static final String UNDERLAY_GATEWAY = UNDERLAY_PREFIX + "1";
    static final String UNDERLAY_BRIDGE = "br0";
    private static final Pattern HOST_NAME = Pattern.compile("[a-z][a-z0-9-]{0,14}");

    LabPlan {
        nodes = List.copyOf(nodes);
        pods = List.copyOf(pods);
        clients = List.copyOf(clients);
    }

    /**
     * A node: {@code node-i} with underlay {@code 192.168.100.(10+i)} and pod CIDR {@code 10.244.i.0/24}.
     *
     * @param podNet the first three octets of the pod CIDR, e.g. {@code 10.244.1}
     */
    record NodePlan(int index, String name, String namespace, String underlayIp, String podNet) {
        String podCidr() {
            return podNet + ".0/24";
        }

        /** cni0's address, the pods' default gateway. */
        String podGateway() {
            return podNet + ".1";
        }

        /** The address flannel and Calico give their tunnel device: the pod subnet's network address. */
        String tunnelAddress() {
            return podNet + ".0";
        }

        /**
         * {@code eth0}'s MAC, made from its underlay address as docker makes a container's from its IP
         * ({@code 192.168.100.11} is {@code 02:fa:c0:a8:64:0b}): known before the node exists, so a datapath can
         * give peers each other's neighbor entries in the node's own batch.
         */
        String underlayMac() {
            StringBuilder mac = new StringBuilder("02:fa");
            for (String octet : underlayIp.split("\\.")) {
                mac.append(String.format(":%02x", Integer.parseInt(octet)));
            }
            return mac.toString();
        }
    }

    /**
     * A pod: a namespace attached to its node's cni0 through a veth ({@code eth0} inside, {@code hostVeth} on the node).
     */
    record PodPlan(String name, NodePlan node, String namespace, String ip, String hostVeth) {
    }

    /** A client on the underlay (outside the cluster). */
    record ClientPlan(String name, String namespace, String ip) {
    }

    static LabPlan of(String labId, ClusterSpec spec) {
        List<NodePlan> nodes = new ArrayList<>();
        List<PodPlan> pods = new ArrayList<>();
        for (int i = 1; i <= spec.nodes(); i++) {
            String name = ClusterSpec.nodeName(i);
            NodePlan node = new NodePlan(i, name, labId + "-" + name, UNDERLAY_PREFIX + ClusterSpec.nodeHost(i),
                    "10.244." + i);
            nodes.add(node);
            for (int k = 0; k < spec.podsPerNode(); k++) {
                String pod = ClusterSpec.podName(i, k);
                pods.add(new PodPlan(pod, node, labId + "-" + pod, node.podNet() + "." + (2 + k), "veth" + pod));
            }
        }
        List<ClientPlan> clients = new ArrayList<>();
        for (int j = 0; j < spec.clients().size(); j++) {
            String name = spec.clients().get(j);
            if (!HOST_NAME.matcher(name).matches() || name.startsWith("node-") || name.startsWith("pod-")
                    || name.equals("underlay")) {
                throw new IllegalArgumentException("client name '" + name + "' is not usable: use 1-15 lower-case"
                        + " letters, digits or '-', starting with a letter, not node-*, pod-* or underlay");
            }
            clients.add(new ClientPlan(name, labId + "-" + name, UNDERLAY_PREFIX + spec.clientHost(j)));
        }
        if (clients.stream().map(ClientPlan::name).distinct().count() != clients.size()) {
            throw new IllegalArgumentException("client names must be distinct: " + spec.clients());
        }
        return new LabPlan(labId, spec, labId + "-underlay", nodes, pods, clients);
    }

    /** Every namespace of the lab, underlay first. */
    List<String> namespaces() {
        return Stream.of(Stream.of(underlay), nodes.stream().map(NodePlan::namespace),
                        pods.stream().map(PodPlan::namespace), clients.stream().map(ClientPlan::namespace))
                .flatMap(s -> s).toList();
    }

    /** The namespace of a host (node, pod, client or {@code underlay}), or an error naming the hosts there are. */
    String namespaceOf(String host) {
        String ns = labId + "-" + host;
        if (!namespaces().contains(ns)) {
            throw new IllegalArgumentException("no host '" + host + "' in lab " + labId + ": use a node, pod or"
                    + " client name from the layout, or 'underlay'");
        }
        return ns;
    }

    Path netnsFile(String host) {
        return LabTeardown.netnsFile(namespaceOf(host));
    }

    NodePlan node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node '" + name + "' in lab " + labId
                        + ": nodes are node-1..node-" + nodes.size()));
    }

    List<PodPlan> podsOn(NodePlan node) {
        return pods.stream().filter(p -> p.node().equals(node)).toList();
    }

    PodPlan pod(String name) {
        return pods.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no pod '" + name + "' in lab " + labId));
    }
}

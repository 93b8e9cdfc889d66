package dev.faultlab.backend.k3s;

import dev.faultlab.backend.BackendSettings;
import dev.faultlab.topology.ClusterSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The commands and environment of a k3s lab's containers, computed before anything starts (and unit-tested without
 * Docker): one server ({@code node-1}) and agents ({@code node-2..N}) on the lab's underlay network, flags chosen by
 * the datapath, kube-proxy in iptables mode, Kubernetes' usual pod and service ranges, and a pause image that is
 * already in the node (nothing is pulled from a registry at test time).
 *
 * @param spec       what to build
 * @param datapath   the datapath's k3s flags and extras
 * @param token      the cluster join token
 * @param nodeIps    underlay address of each node, {@code node-1} first
 * @param pauseImage sandbox image (imported into every node)
 * @param settings   the user's choices of images (the datapath's own, e.g. kube-router's)
 */
record K3sPlan(ClusterSpec spec, K3sDatapath datapath, String token, List<String> nodeIps,
                      String pauseImage, BackendSettings settings) {
    public static final String CLUSTER_CIDR = "10.244.0.0/16";
    public static final String SERVICE_CIDR = "10.96.0.0/16";
    public static final int API_PORT = 6443;
    /** Where images copied into a node wait for {@code ctr import}. */
    static final String IMAGE_DIR = "/var/lib/faultlab/images/";

    public K3sPlan {
        nodeIps = List.copyOf(nodeIps);
        if (nodeIps.size() != spec.nodes()) {
            throw new IllegalArgumentException("need one underlay address per node: " + nodeIps.size() + " for "
                    + spec.nodes() + " nodes");
        }
    }

    /** {@code k3s server} arguments for {@code node-1}. */
    public List<String> serverCommand() {
        List<String> command = new ArrayList<>(List.of("server",
                "--node-name=" + ClusterSpec.nodeName(1),
                "--node-ip=" + nodeIps.get(0),
                "--tls-san=" + nodeIps.get(0),
                "--cluster-cidr=" + CLUSTER_CIDR,
                "--service-cidr=" + SERVICE_CIDR,
                "--disable=traefik",
                "--disable=servicelb",
                "--disable=metrics-server",
                "--disable=local-storage",
                "--kube-proxy-arg=proxy-mode=iptables",
                "--pause-image=" + pauseImage));
        command.addAll(datapath.serverFlags());
        return command;
    }

    /** {@code k3s agent} arguments for node {@code index} (2..N). */
    public List<String> agentCommand(int index) {
        checkAgent(index);
        return List.of("agent",
                "--node-name=" + ClusterSpec.nodeName(index),
                "--node-ip=" + nodeIps.get(index - 1),
                "--pause-image=" + pauseImage);
    }

    public Map<String, String> serverEnv() {
        return Map.of("K3S_TOKEN", token);
    }

    /** Agents join the server by its underlay address. */
    public Map<String, String> agentEnv() {
        return Map.of("K3S_URL", "https://" + nodeIps.get(0) + ":" + API_PORT, "K3S_TOKEN", token);
    }

    /** Every image a node needs, pause (= pod) image first, then the datapath's. */
    public List<String> images() {
        List<String> images = new ArrayList<>(List.of(pauseImage));
        images.addAll(datapath.images(settings));
        return images;
    }

    /** The file name an image's {@code docker save} tar has in a node. */
    public static String imageTar(String image) {
        return IMAGE_DIR + image.replaceAll("[^A-Za-z0-9._-]", "_") + ".tar";
    }

    /** Imports a saved image into containerd's {@code k8s.io} namespace, where the kubelet looks. */
    public static List<String> importCommand(String image) {
        return List.of("ctr", "-n", "k8s.io", "images", "import", imageTar(image));
    }

    private void checkAgent(int index) {
        if (index < 2 || index > spec.nodes()) {
            throw new IllegalArgumentException("agents are node-2..node-" + spec.nodes() + ", not node-" + index);
        }
    }
}

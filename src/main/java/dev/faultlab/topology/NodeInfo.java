package dev.faultlab.topology;

/**
 * One Kubernetes node of a lab.
 *
 * @param name         lab-local name, e.g. {@code node-1}; also the host name exec and capture take
 * @param underlayIp   the node's address on the underlay (the "physical" network)
 * @param podCidr      the node's pod subnet, e.g. {@code 10.244.1.0/24}
 * @param tunnelDevice the device pod traffic leaves the node by ({@code flannel.1}, {@code tunl0}) or null for plain routing
 */
public record NodeInfo(String name, String underlayIp, String podCidr, String tunnelDevice) {
}

package dev.faultlab.topology;

/**
 * One pod of a lab: a network namespace attached to its node's {@code cni0} bridge.
 *
 * @param name lab-local name, e.g. {@code pod-1-a}; also the host name exec and capture take
 * @param node the name of the node the pod runs on
 * @param ip   the pod's address inside its node's pod CIDR
 */
public record PodInfo(String name, String node, String ip) {
}

package dev.faultlab.topology;

/**
 * A host outside the cluster on the underlay (a client or an L4/L7 load balancer) that reaches NodePorts.
 *
 * @param name lab-local name, e.g. {@code client}
 * @param ip   its underlay address
 */
public record ClientInfo(String name, String ip) {
}

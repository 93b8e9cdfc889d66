package dev.faultlab.detect.state;

/** A node's pod CIDR lease as the routing/flannel agent knows it ({@code agent.json} leases). */
public record Lease(String node, String podCidr, String vtepMac, String underlayIp) {
}

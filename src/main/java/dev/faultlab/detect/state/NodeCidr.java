package dev.faultlab.detect.state;

/** A node and the pod CIDR it owns. */
public record NodeCidr(String node, Cidr podCidr) {
}

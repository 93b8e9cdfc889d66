package dev.faultlab.datapath;

/**
 * What a node's overlay agent publishes about itself, as flannel's lease (subnet.env / node annotations) does.
 *
 * @param node       node name
 * @param podCidr    its pod subnet, e.g. {@code 10.244.2.0/24}
 * @param vtepMac    the MAC of its tunnel device at the time the lease was written
 * @param underlayIp its underlay address, the tunnel endpoint
 */
public record VtepLease(String node, String podCidr, String vtepMac, String underlayIp) {
    /** The pod subnet's network address ({@code 10.244.2.0}), which flannel puts on {@code flannel.1}. */
    public String podNetworkAddress() {
        return podCidr.substring(0, podCidr.indexOf('/'));
    }
}

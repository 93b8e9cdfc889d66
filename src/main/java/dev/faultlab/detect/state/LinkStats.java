package dev.faultlab.detect.state;

/**
 * A link from {@code ip -j -s -s -d link show} with the counters detectors compare.
 *
 * @param name             interface name
 * @param kind             {@code linkinfo.info_kind} (veth, vxlan, bridge, ipip...), null for plain devices
 * @param mtu              MTU
 * @param mac              link-layer address, or null
 * @param rxPackets        received packets
 * @param rxDropped        receive drops
 * @param txDropped        transmit drops
 * @param rxOtherhost      frames dropped because their destination MAC was not this host's (the
 *                         {@code otherhost} counter; 0 when iproute2 printed none)
 */
public record LinkStats(String name, String kind, int mtu, String mac, long rxPackets, long rxDropped,
                        long txDropped, long rxOtherhost) {
}

package dev.faultlab.capture.read;

/**
 * A Geneve encapsulation (RFC 8926, UDP port 6081): the overlay of OVN-Kubernetes, Antrea and Cilium's Geneve mode,
 * and of AWS's Gateway Load Balancer. The outer packet carrying it is the {@link Packet} holding this record.
 *
 * @param vni          the virtual network identifier
 * @param protocolType what the header says it carries: 0x6558 an Ethernet frame (the CNIs), 0x0800 or 0x86DD an IP
 *                     packet
 * @param inner        the encapsulated frame or packet, decoded (same frame number and time as the outer packet)
 */
public record Geneve(int vni, int protocolType, Packet inner) implements Tunnel {
    /** Protocol type of an Ethernet frame ("transparent Ethernet bridging"). */
    public static final int ETHERNET = PacketDecoder.TRANSPARENT_ETHERNET_BRIDGING;
}

package dev.faultlab.capture.read;

import java.time.Instant;

/**
 * One decoded frame. Layers that the frame does not have (or that the capture cut off) are null.
 *
 * @param frame       frame number in its file, as Wireshark shows it
 * @param epochNanos  capture time, nanoseconds since the epoch
 * @param interfaceId pcapng interface the frame was captured on
 * @param wireLength  frame length on the wire
 * @param link        link-layer header
 * @param ip          IPv4/IPv6 header, or null
 * @param tcp         TCP header, or null
 * @param udp         UDP header, or null
 * @param icmp        ICMP/ICMPv6 message, or null
 * @param arp         ARP message, or null
 * @param vxlan       VXLAN encapsulation with the inner frame, or null
 * @param ipTunnel    IPIP / IPv6-in-IP encapsulation with the inner packet, or null
 * @param geneve      Geneve encapsulation with the inner frame or packet, or null
 * @param truncated   the captured bytes ended before a header did (small snaplen or a damaged frame)
 */
public record Packet(long frame, long epochNanos, int interfaceId, int wireLength, LinkHeader link, IpHeader ip,
                     TcpHeader tcp, UdpHeader udp, IcmpMessage icmp, ArpMessage arp, Vxlan vxlan,
                     IpTunnel ipTunnel, Geneve geneve, boolean truncated) {

    /** A packet without a Geneve layer: the components as they were before Geneve was decoded. */
    public Packet(long frame, long epochNanos, int interfaceId, int wireLength, LinkHeader link, IpHeader ip,
                  TcpHeader tcp, UdpHeader udp, IcmpMessage icmp, ArpMessage arp, Vxlan vxlan, IpTunnel ipTunnel,
                  boolean truncated) {
        this(frame, epochNanos, interfaceId, wireLength, link, ip, tcp, udp, icmp, arp, vxlan, ipTunnel, null,
                truncated);
    }

    public Instant time() {
        return Instant.ofEpochSecond(0, epochNanos);
    }

    /** The innermost packet: the VXLAN, Geneve or IPIP payload's (recursively) or this one. */
    public Packet innermost() {
        if (vxlan != null && vxlan.inner() != null) {
            return vxlan.inner().innermost();
        }
        if (geneve != null && geneve.inner() != null) {
            return geneve.inner().innermost();
        }
        return ipTunnel != null && ipTunnel.inner() != null ? ipTunnel.inner().innermost() : this;
    }

    /** {@code 10.0.0.1:1234 > 10.0.0.2:80} for TCP/UDP, addresses only otherwise, empty without IP. */
    public String flow() {
        if (ip == null) {
            return "";
        }
        String src = ip.source().getHostAddress();
        String dst = ip.destination().getHostAddress();
        if (tcp != null) {
            return endpoint(src, tcp.sourcePort()) + " > " + endpoint(dst, tcp.destinationPort());
        }
        if (udp != null) {
            return endpoint(src, udp.sourcePort()) + " > " + endpoint(dst, udp.destinationPort());
        }
        return src + " > " + dst;
    }

    /** One line like tcpdump's, for evidence and debugging. */
    public String summary() {
        StringBuilder s = new StringBuilder("#").append(frame).append(' ').append(flow());
        if (tcp != null) {
            s.append(" [").append(tcp.flagNames()).append("] seq ").append(tcp.seq());
            if (tcp.isAck()) {
                s.append(" ack ").append(tcp.ack());
            }
            s.append(" len ").append(tcp.payloadLength());
        } else if (icmp != null) {
            s.append(" ICMP type ").append(icmp.type()).append(" code ").append(icmp.code());
        } else if (arp != null) {
            s.append(" ARP ").append(arp.operation() == 1 ? "who-has " : "reply ").append(arp.targetIp());
        }
        if (vxlan != null) {
            s.append(" VXLAN vni ").append(vxlan.vni()).append(" {").append(vxlan.inner().summary()).append('}');
        }
        if (geneve != null) {
            s.append(" Geneve vni ").append(geneve.vni()).append(" {").append(geneve.inner().summary()).append('}');
        }
        if (ipTunnel != null) {
            s.append(" IPIP {").append(ipTunnel.inner().summary()).append('}');
        }
        return s.toString();
    }

    private static String endpoint(String address, int port) {
        return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port;
    }
}

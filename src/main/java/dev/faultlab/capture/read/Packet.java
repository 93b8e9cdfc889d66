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
 * @param tunnel      the encapsulation this packet carries another in (VXLAN, Geneve, IPIP, GRE), or null; see
 *                    {@link #vxlan()}, {@link #geneve()} and {@link #ipTunnel()}
 * @param truncated   the captured bytes ended before a header did (small snaplen or a damaged frame)
 */
public record Packet(long frame, long epochNanos, int interfaceId, int wireLength, LinkHeader link, IpHeader ip,
                     TcpHeader tcp, UdpHeader udp, IcmpMessage icmp, ArpMessage arp, Tunnel tunnel,
                     boolean truncated) {

    /**
     * A packet with its VXLAN or IP-in-IP layer given apart, as the record's components were before Geneve: at most
     * one of them, since a packet carries another in one encapsulation at most.
     */
    public Packet(long frame, long epochNanos, int interfaceId, int wireLength, LinkHeader link, IpHeader ip,
                  TcpHeader tcp, UdpHeader udp, IcmpMessage icmp, ArpMessage arp, Vxlan vxlan, IpTunnel ipTunnel,
                  boolean truncated) {
        this(frame, epochNanos, interfaceId, wireLength, link, ip, tcp, udp, icmp, arp, oneOf(vxlan, ipTunnel),
                truncated);
    }

    private static Tunnel oneOf(Vxlan vxlan, IpTunnel ipTunnel) {
        if (vxlan != null && ipTunnel != null) {
            throw new IllegalArgumentException("a packet carries another in one encapsulation at most, not VXLAN and"
                    + " IP in IP at once");
        }
        return vxlan != null ? vxlan : ipTunnel;
    }

    /** The VXLAN encapsulation with the inner frame, or null. */
    public Vxlan vxlan() {
        return tunnel instanceof Vxlan v ? v : null;
    }

    /** The Geneve encapsulation with the inner frame or packet, or null. */
    public Geneve geneve() {
        return tunnel instanceof Geneve g ? g : null;
    }

    /** The IPIP, IPv6-in-IP or GRE encapsulation with the inner packet, or null. */
    public IpTunnel ipTunnel() {
        return tunnel instanceof IpTunnel t ? t : null;
    }

    public Instant time() {
        return Instant.ofEpochSecond(0, epochNanos);
    }

    /** The innermost packet: the payload's of every tunnel (VXLAN, Geneve, IPIP, GRE), or this one. */
    public Packet innermost() {
        return tunnel != null && tunnel.inner() != null ? tunnel.inner().innermost() : this;
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
        if (tunnel instanceof Vxlan v) {
            s.append(" VXLAN vni ").append(v.vni()).append(" {").append(v.inner().summary()).append('}');
        } else if (tunnel instanceof Geneve g) {
            s.append(" Geneve vni ").append(g.vni()).append(" {").append(g.inner().summary()).append('}');
        } else if (tunnel instanceof IpTunnel t) {
            s.append(t.protocol() == 47 ? " GRE {" : " IPIP {").append(t.inner().summary()).append('}');
        }
        return s.toString();
    }

    private static String endpoint(String address, int port) {
        return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port;
    }
}

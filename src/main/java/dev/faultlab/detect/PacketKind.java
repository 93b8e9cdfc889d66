package dev.faultlab.detect;

import dev.faultlab.capture.read.Geneve;
import dev.faultlab.capture.read.Packet;
import dev.faultlab.capture.read.Tunnel;
import dev.faultlab.capture.read.Vxlan;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a packet carries, for {@link Detector#interests()}: a detector is handed only the packets with at least one
 * of the kinds it declares. A packet has a kind when it, or a packet it encapsulates (a {@link Tunnel}), has that
 * layer; a packet with none of the layers below is {@link #OTHER}.
 */
public enum PacketKind {
    /** A TCP segment. */
    TCP,
    /** A UDP datagram (VXLAN's and Geneve's outer packet too). */
    UDP,
    /** An ICMP or ICMPv6 message. */
    ICMP,
    /** An ARP message. */
    ARP,
    /** A VXLAN encapsulation. */
    VXLAN,
    /** A Geneve encapsulation. */
    GENEVE,
    /** IPIP, IPv6-in-IP or GRE. */
    IP_TUNNEL,
    /** None of the above (not IP, or another protocol). */
    OTHER;

    /** Every kind: the default interest, every packet is delivered. */
    public static final Set<PacketKind> ALL = Collections.unmodifiableSet(EnumSet.allOf(PacketKind.class));

    /** The kinds of a packet and everything it encapsulates, as a bit per {@link #ordinal()}. */
    static int maskOf(Packet packet) {
        int mask = 0;
        for (Packet p = packet; p != null; p = carried(p)) {
            // tested one by one rather than through a predicate per kind: this runs for every packet
            mask |= (p.tcp() != null ? 1 << TCP.ordinal() : 0) | (p.udp() != null ? 1 << UDP.ordinal() : 0)
                    | (p.icmp() != null ? 1 << ICMP.ordinal() : 0) | (p.arp() != null ? 1 << ARP.ordinal() : 0)
                    | tunnelBit(p.tunnel());
        }
        return mask == 0 ? 1 << OTHER.ordinal() : mask;
    }

    /** The bits of a set of kinds. */
    static int maskOf(Set<PacketKind> kinds) {
        int mask = 0;
        for (PacketKind kind : kinds) {
            mask |= 1 << kind.ordinal();
        }
        return mask;
    }

    /** The bit of the encapsulation a packet carries another in, 0 for none. */
    private static int tunnelBit(Tunnel tunnel) {
        if (tunnel == null) {
            return 0;
        }
        PacketKind kind = tunnel instanceof Vxlan ? VXLAN : tunnel instanceof Geneve ? GENEVE : IP_TUNNEL;
        return 1 << kind.ordinal();
    }

    private static Packet carried(Packet p) {
        return p.tunnel() == null ? null : p.tunnel().inner();
    }
}

package dev.faultlab.capture.read;

/**
 * An encapsulation a packet carries another in: VXLAN, Geneve, or IP in IP (IPIP, IPv6-in-IP, GRE). A packet has
 * at most one at its own level ({@link Packet#tunnel()}); the inner packet may have its own.
 */
public sealed interface Tunnel permits Vxlan, Geneve, IpTunnel {
    /** The encapsulated packet, decoded (same frame number and time as the outer one). */
    Packet inner();
}

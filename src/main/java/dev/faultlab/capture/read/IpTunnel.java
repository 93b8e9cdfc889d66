package dev.faultlab.capture.read;

/**
 * A packet carried in IP: IPIP (protocol 4, Calico's tunl0), IPv6-in-IP (41) or GRE (47: an IP packet, or an
 * Ethernet frame for gretap and NVGRE). The outer packet is the {@link Packet} holding this record.
 *
 * @param protocol the outer header's protocol number (4, 41 or 47)
 * @param inner    the encapsulated packet, decoded (same frame number and time; an Ethernet frame's link layer
 *                 for gretap and NVGRE, none otherwise)
 */
public record IpTunnel(int protocol, Packet inner) implements Tunnel {
}

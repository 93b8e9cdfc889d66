package dev.faultlab.capture.read;

/**
 * IP carried directly in IP: IPIP (protocol 4, Calico's tunl0) or IPv6-in-IP (41). The outer packet is the
 * {@link Packet} holding this record.
 *
 * @param protocol the outer header's protocol number (4 or 41)
 * @param inner    the encapsulated packet, decoded (no link layer; same frame number and time)
 */
public record IpTunnel(int protocol, Packet inner) {
}

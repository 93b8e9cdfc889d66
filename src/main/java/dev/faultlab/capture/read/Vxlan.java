package dev.faultlab.capture.read;

/**
 * A VXLAN encapsulation: the outer packet carrying it is the {@link Packet} holding this record.
 *
 * @param vni   the VXLAN network identifier
 * @param inner the encapsulated Ethernet frame, decoded (same frame number and time as the outer packet)
 */
public record Vxlan(int vni, Packet inner) implements Tunnel {
}

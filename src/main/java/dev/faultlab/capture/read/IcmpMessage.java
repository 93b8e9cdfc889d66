package dev.faultlab.capture.read;

/**
 * An ICMP or ICMPv6 message.
 *
 * @param version    4 for ICMP, 6 for ICMPv6
 * @param type       ICMP type
 * @param code       ICMP code
 * @param nextHopMtu the MTU from fragmentation-needed (v4 type 3 code 4) or packet-too-big (v6 type 2), else -1
 * @param quoted     the offending packet's headers for error messages, else null
 */
public record IcmpMessage(int version, int type, int code, int nextHopMtu, QuotedPacket quoted) {
    /** "Fragmentation needed and DF set" (IPv4) or "Packet too big" (IPv6): path MTU discovery's signal. */
    public boolean isFragmentationNeeded() {
        return version == 4 ? type == 3 && code == 4 : type == 2;
    }

    /** Destination unreachable (any code). */
    public boolean isUnreachable() {
        return version == 4 ? type == 3 : type == 1;
    }
}

package dev.faultlab.capture.read;

import java.net.InetAddress;

/**
 * An IPv4 or IPv6 header.
 *
 * @param version        4 or 6
 * @param source         source address
 * @param destination    destination address
 * @param protocol       payload protocol after IPv6 extension headers (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6)
 * @param ttl            TTL / hop limit
 * @param totalLength    length of the whole IP packet on the wire (header included)
 * @param identification IPv4 identification (0 for IPv6)
 * @param dontFragment   DF bit; always true for IPv6, where routers never fragment either
 * @param fragmentOffset fragment offset in bytes; non-zero or {@code moreFragments} means a fragment
 * @param moreFragments  MF bit (IPv4) or the M flag of an IPv6 fragment header
 * @param headerLength   bytes of IP header (IPv6: including extension headers)
 */
public record IpHeader(int version, InetAddress source, InetAddress destination, int protocol, int ttl,
                       int totalLength, int identification, boolean dontFragment, int fragmentOffset,
                       boolean moreFragments, int headerLength) {
    /** True when this packet is a fragment other than the first one (no transport header inside). */
    public boolean isLaterFragment() {
        return fragmentOffset > 0;
    }

    /** Length of the IP payload (transport header plus data). */
    public int payloadLength() {
        return Math.max(0, totalLength - headerLength);
    }
}

package dev.faultlab.capture.read;

import java.util.List;
import java.util.Set;

/**
 * BSD loopback: NULL (0) carries the address family in the capturing host's byte order, LOOP (108) in network
 * order. Families: 2 is IPv4; 10, 24, 28 and 30 are IPv6 on the various systems.
 */
final class LoopbackLink implements LinkDecoder {
    private static final Set<Long> IPV6_FAMILIES = Set.of(10L, 24L, 28L, 30L);

    @Override
    public Set<Integer> linkTypes() {
        return Set.of(0, 108);
    }

    @Override
    public int decode(int linkType, byte[] data, PacketBuilder packet) {
        long big = Bytes.u32(data, 0);
        long family = linkType == 0 && big > 0xffff ? Bytes.u32le(data, 0) : big;
        int etherType = family == 2 ? NetworkLayer.IPV4 : IPV6_FAMILIES.contains(family) ? NetworkLayer.IPV6 : -1;
        packet.link = new LinkHeader(linkType, null, null, List.of(), etherType, -1, -1);
        return 4;
    }
}

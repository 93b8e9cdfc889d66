package dev.faultlab.capture.read;

import java.util.List;
import java.util.Set;

/**
 * Raw IP: the frame starts with the IP header. 101 is LINKTYPE_RAW (12 and 14 its historical DLT values), which
 * tcpdump writes for tun and WireGuard interfaces; 228 and 229 are LINKTYPE_IPV4 and LINKTYPE_IPV6, which other
 * capture tools write for the same frames. The version nibble decides, as it does for 101.
 */
final class RawIpLink implements LinkDecoder {
    @Override
    public Set<Integer> linkTypes() {
        return Set.of(101, 12, 14, 228, 229);
    }

    @Override
    public int decode(int linkType, byte[] data, PacketBuilder packet) {
        int version = Bytes.u8(data, 0) >>> 4;
        packet.link = new LinkHeader(linkType, null, null, List.of(), NetworkLayer.etherTypeOfIpVersion(version),
                -1, -1);
        return 0;
    }
}

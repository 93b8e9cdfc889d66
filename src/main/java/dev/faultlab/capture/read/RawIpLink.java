package dev.faultlab.capture.read;

import java.util.List;
import java.util.Set;

/** Raw IP (101, and the historical DLT values 12 and 14): the frame starts with the IP header. */
final class RawIpLink implements LinkDecoder {
    @Override
    public Set<Integer> linkTypes() {
        return Set.of(101, 12, 14);
    }

    @Override
    public int decode(int linkType, byte[] data, PacketBuilder packet) {
        int version = Bytes.u8(data, 0) >>> 4;
        packet.link = new LinkHeader(linkType, null, null, List.of(), NetworkLayer.etherTypeOfIpVersion(version),
                -1, -1);
        return 0;
    }
}

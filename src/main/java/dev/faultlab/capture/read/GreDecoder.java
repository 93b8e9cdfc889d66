package dev.faultlab.capture.read;

import java.util.Set;

/**
 * GRE (IP protocol 47, RFC 2784/2890), version 0: the checksum, key and sequence fields its flags announce are
 * skipped, and the payload is decoded when it is IP (0x0800, 0x86DD: GRE tunnels) or an Ethernet frame (0x6558:
 * gretap and NVGRE), as the inner packet of an {@link IpTunnel} with protocol 47. Other payloads (ERSPAN, PPTP's
 * version 1, MPLS) leave the outer packet as it is.
 */
final class GreDecoder implements TransportDecoder {
    private static final int CHECKSUM_PRESENT = 0x8000;
    private static final int KEY_PRESENT = 0x2000;
    private static final int SEQUENCE_PRESENT = 0x1000;
    private static final int VERSION = 0x0007;

    @Override
    public Set<Integer> protocols() {
        return Set.of(47);
    }

    @Override
    public void decode(byte[] data, int offset, int length, PacketBuilder packet, PacketDecoder decoder) {
        if (offset + 4 > data.length) {
            return;
        }
        int flags = Bytes.u16(data, offset);
        if ((flags & VERSION) != 0) {
            return;
        }
        int header = 4 + ((flags & CHECKSUM_PRESENT) != 0 ? 4 : 0) + ((flags & KEY_PRESENT) != 0 ? 4 : 0)
                + ((flags & SEQUENCE_PRESENT) != 0 ? 4 : 0);
        int protocolType = Bytes.u16(data, offset + 2);
        Packet decoded = decoder.decodeByEtherType(protocolType, data, offset + header, Math.max(0, length - header),
                packet);
        if (decoded != null) {
            packet.ipTunnel = new IpTunnel(47, decoded);
        }
    }
}

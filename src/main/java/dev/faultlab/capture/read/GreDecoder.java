package dev.faultlab.capture.read;

import java.util.Set;

/**
 * GRE (IP protocol 47, RFC 2784/2890), version 0: the checksum, key and sequence fields its flags announce are
 * skipped, and the payload is decoded when it is IP (0x0800, 0x86DD: GRE tunnels) or an Ethernet frame (0x6558:
 * gretap and NVGRE), as the inner packet of an {@link IpTunnel} with protocol 47. ERSPAN (types I and II: 0x88BE,
 * III: 0x22EB) is a switch's copy of a frame sent to a collector: the copy is the traffic, so it stands for the
 * captured frame ({@link PacketBuilder#mirrored}) and the GRE that carried it is dropped. Other payloads (PPTP's
 * version 1, MPLS) leave the outer packet as it is.
 */
final class GreDecoder implements TransportDecoder {
    private static final int CHECKSUM_PRESENT = 0x8000;
    private static final int KEY_PRESENT = 0x2000;
    private static final int SEQUENCE_PRESENT = 0x1000;
    private static final int VERSION = 0x0007;
    /** ERSPAN types I (no ERSPAN header, no sequence number) and II (an 8-byte header). */
    private static final int ERSPAN_II = 0x88BE;
    /** ERSPAN type III: a 12-byte header, and 8 more when its last bit says a platform subheader follows. */
    private static final int ERSPAN_III = 0x22EB;

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
        if (protocolType == ERSPAN_II || protocolType == ERSPAN_III) {
            int at = offset + header;
            int erspan = protocolType == ERSPAN_III ? (at + 12 <= data.length && (data[at + 11] & 1) != 0 ? 20 : 12)
                    : (flags & SEQUENCE_PRESENT) != 0 ? 8 : 0;
            packet.mirrored = decoder.decodeByEtherType(PacketDecoder.TRANSPARENT_ETHERNET_BRIDGING, data, at + erspan,
                    Math.max(0, length - header - erspan), packet);
            return;
        }
        Packet decoded = decoder.decodeByEtherType(protocolType, data, offset + header, Math.max(0, length - header),
                packet);
        if (decoded != null) {
            packet.tunnel = new IpTunnel(47, decoded);
        }
    }
}

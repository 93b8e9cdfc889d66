package dev.faultlab.capture.read;

import java.util.Set;

/** ICMPv6: type/code, the MTU of packet-too-big, and the headers quoted by error messages (types 1-4). */
final class Icmpv6Decoder implements TransportDecoder {
    private static final int PACKET_TOO_BIG = 2;
    private static final int LAST_ERROR_TYPE = 4;

    @Override
    public Set<Integer> protocols() {
        return Set.of(58);
    }

    @Override
    public void decode(byte[] data, int offset, int length, PacketBuilder packet, PacketDecoder decoder) {
        int type = Bytes.u8(data, offset);
        int code = Bytes.u8(data, offset + 1);
        int mtu = type == PACKET_TOO_BIG ? (int) Bytes.u32(data, offset + 4) : -1;
        packet.icmp = new IcmpMessage(6, type, code, mtu, null);
        if (type >= 1 && type <= LAST_ERROR_TYPE) {
            packet.icmp = new IcmpMessage(6, type, code, mtu, decoder.quoted(data, offset + 8));
        }
    }
}

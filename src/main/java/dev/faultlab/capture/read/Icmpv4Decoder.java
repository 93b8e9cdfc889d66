package dev.faultlab.capture.read;

import java.util.Set;

/** ICMP: type/code, the next-hop MTU of fragmentation-needed, and the headers quoted by error messages. */
final class Icmpv4Decoder implements TransportDecoder {
    private static final Set<Integer> ERRORS = Set.of(3, 4, 5, 11, 12);

    @Override
    public Set<Integer> protocols() {
        return Set.of(1);
    }

    @Override
    public void decode(byte[] data, int offset, int length, PacketBuilder packet, PacketDecoder decoder) {
        int type = Bytes.u8(data, offset);
        int code = Bytes.u8(data, offset + 1);
        int mtu = type == 3 && code == 4 ? Bytes.u16(data, offset + 6) : -1;
        packet.icmp = new IcmpMessage(4, type, code, mtu, null);
        if (ERRORS.contains(type)) {
            packet.icmp = new IcmpMessage(4, type, code, mtu, decoder.quoted(data, offset + 8));
        }
    }
}

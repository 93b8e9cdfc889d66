package dev.faultlab.capture.read;

import java.util.Set;

/**
 * UDP headers; datagrams to the VXLAN ports (4789 IANA, 8472 Linux/flannel default) and to Geneve's (6081) are
 * decapsulated.
 */
final class UdpDecoder implements TransportDecoder {
    private static final int VXLAN_HEADER = 8;
    private static final int VNI_VALID = 0x08;
    private static final int GENEVE_PORT = 6081;
    /** Geneve's fixed header; its options follow, their length in 4-byte words in the first byte's low six bits. */
    private static final int GENEVE_HEADER = 8;

    private static boolean isVxlanPort(int port) {
        return port == 4789 || port == 8472;
    }

    @Override
    public Set<Integer> protocols() {
        return Set.of(17);
    }

    @Override
    public void decode(byte[] data, int offset, int length, PacketBuilder packet, PacketDecoder decoder) {
        UdpHeader udp = new UdpHeader(Bytes.u16(data, offset), Bytes.u16(data, offset + 2),
                Bytes.u16(data, offset + 4));
        packet.udp = udp;
        int payload = offset + 8;
        int payloadWire = Math.min(udp.length(), length) - 8;
        if (isVxlanPort(udp.destinationPort()) && payload + VXLAN_HEADER + 14 <= data.length
                && (Bytes.u8(data, payload) & VNI_VALID) != 0) {
            int vni = (int) (Bytes.u32(data, payload + 4) >>> 8);
            int innerStart = payload + VXLAN_HEADER;
            int innerWire = Math.max(0, payloadWire - VXLAN_HEADER);
            Packet inner = decoder.decodeEncapsulated(data, innerStart, innerWire, packet);
            if (inner != null) {
                packet.tunnel = new Vxlan(vni, inner);
            }
        } else if (udp.destinationPort() == GENEVE_PORT && payload + GENEVE_HEADER <= data.length
                && Bytes.u8(data, payload) >>> 6 == 0) {
            geneve(data, payload, payloadWire, packet, decoder);
        }
    }

    /** A Geneve header (version 0) at {@code at}: its inner Ethernet frame or IP packet, when one follows whole. */
    private static void geneve(byte[] data, int at, int wire, PacketBuilder packet, PacketDecoder decoder) {
        int header = GENEVE_HEADER + 4 * (Bytes.u8(data, at) & 0x3f);
        int protocolType = Bytes.u16(data, at + 2);
        int vni = (int) (Bytes.u32(data, at + 4) >>> 8);
        Packet inner = decoder.decodeByEtherType(protocolType, data, at + header, Math.max(0, wire - header), packet);
        if (inner != null) {
            packet.tunnel = new Geneve(vni, protocolType, inner);
        }
    }
}

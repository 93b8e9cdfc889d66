package dev.faultlab.capture.read;

import java.util.Set;

/** ARP for IPv4 over Ethernet (hardware type 1, protocol 0x0800); other ARP variants are left undecoded. */
final class ArpDecoder implements NetworkDecoder {
    @Override
    public Set<Integer> etherTypes() {
        return Set.of(NetworkLayer.ARP);
    }

    @Override
    public void decode(byte[] data, int offset, PacketBuilder packet, PacketDecoder decoder) {
        if (Bytes.u16(data, offset) != 1 || Bytes.u16(data, offset + 2) != NetworkLayer.IPV4
                || Bytes.u8(data, offset + 4) != 6 || Bytes.u8(data, offset + 5) != 4) {
            return;
        }
        packet.arp = new ArpMessage(Bytes.u16(data, offset + 6),
                MacAddress.read(data, offset + 8), Ipv4Decoder.address(data, offset + 14, 4),
                MacAddress.read(data, offset + 18), Ipv4Decoder.address(data, offset + 24, 4));
    }
}

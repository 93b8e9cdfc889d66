package dev.faultlab.capture.read;

import java.util.Set;

/** UDP headers; datagrams to the VXLAN ports (4789 IANA, 8472 Linux/flannel default) are decapsulated. */
final class UdpDecoder implements TransportDecoder {
    private static final int VXLAN_HEADER = 8;
    private static final int VNI_VALID = 0x08;

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
        if (isVxlanPort(udp.destinationPort()) && payload + VXLAN_HEADER + 14 <= data.length
                && (Bytes.u8(data, payload) & VNI_VALID) != 0) {
            int vni = (int) (Bytes.u32(data, payload + 4) >>> 8);
            int innerStart = payload + VXLAN_HEADER;
            int innerWire = Math.max(0, Math.min(udp.length(), length) - 8 - VXLAN_HEADER);
            Packet inner = decoder.decodeEncapsulated(data, innerStart, innerWire, packet);
            if (inner != null) {
                packet.vxlan = new Vxlan(vni, inner);
            }
        }
    }
}

package dev.faultlab.capture.read;

import java.util.List;
import java.util.Set;

/** Linux "cooked" headers written by captures on {@code any}: SLL (113, 16 bytes) and SLL2 (276, 20 bytes). */
final class LinuxCookedLink implements LinkDecoder {
    static final int LINKTYPE_LINUX_SLL = 113;
    static final int LINKTYPE_LINUX_SLL2 = 276;
    private static final int ARPHRD_ETHER = 1;

    @Override
    public Set<Integer> linkTypes() {
        return Set.of(LINKTYPE_LINUX_SLL, LINKTYPE_LINUX_SLL2);
    }

    @Override
    public int decode(int linkType, byte[] data, PacketBuilder packet) {
        return linkType == LINKTYPE_LINUX_SLL2 ? decodeSll2(data, packet) : decodeSll(data, packet);
    }

    private static int decodeSll(byte[] data, PacketBuilder packet) {
        int direction = Bytes.u16(data, 0);
        int hardware = Bytes.u16(data, 2);
        int addressLength = Bytes.u16(data, 4);
        int protocol = Bytes.u16(data, 14);
        packet.link = new LinkHeader(LINKTYPE_LINUX_SLL, source(data, 6, hardware, addressLength), null, List.of(),
                protocol, direction, -1);
        return 16;
    }

    private static int decodeSll2(byte[] data, PacketBuilder packet) {
        int protocol = Bytes.u16(data, 0);
        int ifIndex = (int) Bytes.u32(data, 4);
        int hardware = Bytes.u16(data, 8);
        int direction = Bytes.u8(data, 10);
        int addressLength = Bytes.u8(data, 11);
        packet.link = new LinkHeader(LINKTYPE_LINUX_SLL2, source(data, 12, hardware, addressLength), null,
                List.of(), protocol, direction, ifIndex);
        return 20;
    }

    private static MacAddress source(byte[] data, int offset, int hardware, int addressLength) {
        return hardware == ARPHRD_ETHER && addressLength == 6 ? MacAddress.read(data, offset) : null;
    }
}

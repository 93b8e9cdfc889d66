package dev.faultlab.capture.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Ethernet II with any number of 802.1Q / 802.1ad (QinQ) tags; also decodes VXLAN's inner frames. */
final class EthernetLink implements LinkDecoder {
    static final int LINKTYPE_ETHERNET = 1;
    private final AddressCache addresses;

    EthernetLink(AddressCache addresses) {
        this.addresses = addresses;
    }

    @Override
    public Set<Integer> linkTypes() {
        return Set.of(LINKTYPE_ETHERNET);
    }

    @Override
    public int decode(int linkType, byte[] data, PacketBuilder packet) {
        MacAddress destination = addresses.mac(data, 0);
        MacAddress source = addresses.mac(data, 6);
        int offset = 12;
        int type = Bytes.u16(data, offset);
        List<Integer> vlans = List.of();
        while (isVlanTag(type)) {
            if (vlans.isEmpty()) {
                vlans = new ArrayList<>(2);
            }
            vlans.add(Bytes.u16(data, offset + 2) & 0x0fff);
            offset += 4;
            type = Bytes.u16(data, offset);
        }
        // values below 0x600 are 802.3 lengths (LLC frames), not a protocol
        int etherType = type >= 0x600 ? type : -1;
        packet.link = new LinkHeader(linkType, source, destination, vlans, etherType, -1, -1);
        return offset + 2;
    }

    /** 802.1Q, 802.1ad and the older QinQ TPID (compared directly: this runs for every frame). */
    private static boolean isVlanTag(int type) {
        return type == 0x8100 || type == 0x88a8 || type == 0x9100;
    }
}

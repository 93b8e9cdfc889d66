package dev.faultlab.capture.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Ethernet II with any number of 802.1Q / 802.1ad (QinQ) tags; also decodes VXLAN's inner frames. */
final class EthernetLink implements LinkDecoder {
    static final int LINKTYPE_ETHERNET = 1;
    private final AddressCache addresses;
    private LinkHeader lastHeader;
    private LinkHeader previousHeader;

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
        // null while untagged (nearly every frame): no list, nor an interface call to ask it whether it is empty
        List<Integer> vlans = null;
        while (isVlanTag(type)) {
            if (vlans == null) {
                vlans = new ArrayList<>(2);
            }
            vlans.add(Bytes.u16(data, offset + 2) & 0x0fff);
            offset += 4;
            type = Bytes.u16(data, offset);
        }
        // values below 0x600 are 802.3 lengths (LLC frames), not a protocol
        int etherType = type >= 0x600 ? type : -1;
        packet.link = vlans == null ? untagged(linkType, source, destination, etherType)
                : new LinkHeader(linkType, source, destination, vlans, etherType, -1, -1);
        return offset + 2;
    }

    /**
     * The header of an untagged frame: the last two are reused when the next frame has the same fields (a
     * conversation's frames alternate between two MAC pairs), as headers are immutable - one record per frame
     * fewer for the collector.
     */
    private LinkHeader untagged(int linkType, MacAddress source, MacAddress destination, int etherType) {
        if (matches(lastHeader, linkType, source, destination, etherType)) {
            return lastHeader;
        }
        LinkHeader header = matches(previousHeader, linkType, source, destination, etherType) ? previousHeader
                : new LinkHeader(linkType, source, destination, List.of(), etherType, -1, -1);
        previousHeader = lastHeader;
        lastHeader = header;
        return header;
    }

    private static boolean matches(LinkHeader h, int linkType, MacAddress source, MacAddress destination,
                                   int etherType) {
        // the cache hands out the same MacAddress instance for the same address, mostly: identity suffices
        return h != null && h.source() == source && h.destination() == destination && h.etherType() == etherType
                && h.linkType() == linkType;
    }

    /** 802.1Q, 802.1ad and the older QinQ TPID (compared directly: this runs for every frame). */
    private static boolean isVlanTag(int type) {
        return type == 0x8100 || type == 0x88a8 || type == 0x9100;
    }
}

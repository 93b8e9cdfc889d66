package dev.faultlab.capture.read;

import java.util.List;

/**
 * The link layer of a frame.
 *
 * @param linkType   the file's link type (1 Ethernet, 113 SLL, 276 SLL2, 101 raw, 0 NULL, 108 LOOP...); 1 for
 *                   a VXLAN inner frame, -1 for a packet carried in an IPIP tunnel
 * @param source     source MAC, or null when the link has none (raw IP, loopback) or SLL gives another length
 * @param destination destination MAC, or null when the link header does not carry it (SLL/SLL2, raw IP)
 * @param vlans      802.1Q/802.1ad VLAN ids, outermost first (empty when untagged)
 * @param etherType  protocol of the payload (0x0800, 0x86dd, 0x0806...), or -1 when unknown
 * @param direction  for Linux cooked captures, the packet type: 0 to us, 1 broadcast, 2 multicast, 3 to
 *                   another host, 4 sent by us; -1 otherwise
 * @param ifIndex    for SLL2, the interface index the frame was seen on; -1 otherwise
 */
public record LinkHeader(int linkType, MacAddress source, MacAddress destination, List<Integer> vlans,
                         int etherType, int direction, int ifIndex) {
    public LinkHeader {
        vlans = List.copyOf(vlans);
    }
}

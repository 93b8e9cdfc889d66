package dev.faultlab.capture.read;

import java.util.List;
import java.util.Set;

/**
 * Turns raw frames into {@link Packet}s. The layers are looked up in registries (link type, EtherType, IP
 * protocol) built from the decoder classes, so supporting another protocol means adding one decoder class here.
 * One instance can decode any number of files, one frame at a time: it keeps caches of recent addresses, so
 * each thread needs its own.
 */
public final class PacketDecoder {
    /** The EtherType of an Ethernet frame carried in a tunnel (Geneve, GRE's gretap and NVGRE). */
    static final int TRANSPARENT_ETHERNET_BRIDGING = 0x6558;
    /** Tunnels inside tunnels are decoded this deep and no deeper, so a crafted frame cannot recurse without end. */
    private static final int MAX_ENCAPSULATION = 2;

    private final IntRegistry<LinkDecoder> links;
    private final IntRegistry<NetworkDecoder> networks;
    private final IntRegistry<TransportDecoder> transports;
    private final IntRegistry<IpDecoder> ipVersions;
    private final EthernetLink ethernet;
    /** Reused for every captured frame (tunnelled packets get their own, see {@link PacketBuilder#nested}). */
    private final PacketBuilder frames = new PacketBuilder(0, 0, 0, 0, 0);

    public PacketDecoder() {
        AddressCache addresses = new AddressCache();
        ethernet = new EthernetLink(addresses);
        links = IntRegistry.of(List.of(ethernet, new LinuxCookedLink(), new RawIpLink(), new LoopbackLink()),
                LinkDecoder::linkTypes);
        List<IpDecoder> ip = List.of(new Ipv4Decoder(addresses), new Ipv6Decoder(addresses));
        networks = IntRegistry.of(List.of(ip.get(0), ip.get(1), new ArpDecoder()), NetworkDecoder::etherTypes);
        transports = IntRegistry.of(List.of(new TcpDecoder(), new UdpDecoder(), new Icmpv4Decoder(),
                        new Icmpv6Decoder(), new IpInIpDecoder(), new GreDecoder()),
                TransportDecoder::protocols);
        ipVersions = IntRegistry.of(ip, d -> Set.of(d.version()));
    }

    /** True when frames of this link type can be decoded. */
    public boolean supportsLinkType(int linkType) {
        return links.get(linkType) != null;
    }

    /**
     * Decodes one frame. Returns null when not even the link header can be read (unknown link type, frame
     * shorter than its link header): the caller counts it as a bad frame. A frame cut short later keeps the
     * layers before the cut and is marked {@link Packet#truncated()}. A collector's frame that delivers a switch's
     * mirrored copy (ERSPAN) is that copy, decoded with the frame's number and time: the traffic the switch saw,
     * not the transport that brought it.
     */
    public Packet decode(RawFrame frame) {
        LinkDecoder link = links.get(frame.linkType());
        if (link == null) {
            return null;
        }
        PacketBuilder packet = frames.restart(frame.number(), frame.epochNanos(), frame.interfaceId(),
                frame.originalLength());
        Packet decoded = decodeFrom(link, frame.linkType(), frame.data(), packet);
        return packet.mirrored != null ? packet.mirrored : decoded;
    }

    private Packet decodeFrom(LinkDecoder link, int linkType, byte[] data, PacketBuilder packet) {
        int payload;
        try {
            payload = link.decode(linkType, data, packet);
        } catch (IndexOutOfBoundsException tooShort) {
            return null;
        }
        try {
            network(packet.link.etherType(), data, payload, packet);
        } catch (IndexOutOfBoundsException cutShort) {
            packet.truncated = true;
        }
        return packet.build();
    }

    /** Decodes the Ethernet frame a VXLAN header carries; null when it is too short or nested too deep. */
    Packet decodeEncapsulated(byte[] data, int offset, int wireLength, PacketBuilder outer) {
        if (!canNest(data, offset, outer)) {
            return null;
        }
        byte[] inner = Bytes.slice(data, offset, data.length - offset);
        PacketBuilder packet = outer.nested(wireLength);
        Packet decoded = decodeFrom(ethernet, EthernetLink.LINKTYPE_ETHERNET, inner, packet);
        if (decoded != null && decoded.truncated()) {
            outer.truncated = true;
        }
        return decoded;
    }

    /**
     * Decodes what a tunnel header that names its payload by EtherType carries (Geneve, GRE): an Ethernet frame
     * (0x6558, "transparent Ethernet bridging") or an IP packet; null for anything else, or when it is cut short,
     * empty or nested too deep.
     */
    Packet decodeByEtherType(int etherType, byte[] data, int offset, int wireLength, PacketBuilder outer) {
        if (etherType == TRANSPARENT_ETHERNET_BRIDGING && offset + 14 <= data.length) {
            return decodeEncapsulated(data, offset, wireLength, outer);
        }
        if ((etherType == NetworkLayer.IPV4 || etherType == NetworkLayer.IPV6) && offset + 20 <= data.length) {
            return decodeTunnelled(data, offset, wireLength, outer);
        }
        return null;
    }

    /** Decodes the IP packet an IPIP header carries; null when it is empty or nested too deep. */
    Packet decodeTunnelled(byte[] data, int offset, int wireLength, PacketBuilder outer) {
        if (!canNest(data, offset, outer)) {
            return null;
        }
        byte[] inner = Bytes.slice(data, offset, data.length - offset);
        PacketBuilder packet = outer.nested(wireLength);
        int etherType = NetworkLayer.etherTypeOfIpVersion(Bytes.u8(inner, 0) >>> 4);
        packet.link = new LinkHeader(-1, null, null, List.of(), etherType, -1, -1);
        try {
            network(etherType, inner, 0, packet);
        } catch (IndexOutOfBoundsException cutShort) {
            packet.truncated = true;
            outer.truncated = true;
        }
        return packet.build();
    }

    /** A tunnel payload is decoded only when there is one and the nesting is not too deep (a crafted loop). */
    private static boolean canNest(byte[] data, int offset, PacketBuilder outer) {
        return outer.encapsulationDepth < MAX_ENCAPSULATION && offset < data.length;
    }

    void network(int etherType, byte[] data, int offset, PacketBuilder packet) {
        NetworkDecoder decoder = networks.get(etherType);
        if (decoder != null) {
            decoder.decode(data, offset, packet, this);
        }
    }

    void transport(int protocol, byte[] data, int offset, int length, PacketBuilder packet) {
        TransportDecoder decoder = transports.get(protocol);
        if (decoder != null) {
            decoder.decode(data, offset, length, packet, this);
        }
    }

    /** The IP header and ports an ICMP error quotes, or null when the quote is cut short or not IP. */
    QuotedPacket quoted(byte[] data, int offset) {
        try {
            IpDecoder decoder = ipVersions.get(Bytes.u8(data, offset) >>> 4);
            if (decoder == null) {
                return null;
            }
            IpHeader ip = decoder.header(data, offset, data.length - offset);
            int transport = offset + ip.headerLength();
            boolean ports = (ip.protocol() == 6 || ip.protocol() == 17) && transport + 4 <= data.length;
            boolean seq = ip.protocol() == 6 && transport + 8 <= data.length;
            return new QuotedPacket(ip, ports ? Bytes.u16(data, transport) : -1,
                    ports ? Bytes.u16(data, transport + 2) : -1, seq ? Bytes.u32(data, transport + 4) : -1);
        } catch (IndexOutOfBoundsException cutShort) {
            return null;
        }
    }
}

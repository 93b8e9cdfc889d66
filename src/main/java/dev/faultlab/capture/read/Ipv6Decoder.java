package dev.faultlab.capture.read;

import java.net.InetAddress;
import java.util.Set;

/** IPv6 headers; hop-by-hop, routing, destination options, fragment, AH and mobility headers are skipped. */
final class Ipv6Decoder implements IpDecoder {
    private static final int FRAGMENT = 44;
    private static final int AUTHENTICATION = 51;
    private static final Set<Integer> EXTENSIONS = Set.of(0, 43, FRAGMENT, AUTHENTICATION, 60, 135, 139, 140);

    private final AddressCache addresses;

    Ipv6Decoder(AddressCache addresses) {
        this.addresses = addresses;
    }

    @Override
    public Set<Integer> etherTypes() {
        return Set.of(NetworkLayer.IPV6);
    }

    @Override
    public int version() {
        return 6;
    }

    @Override
    public IpHeader header(byte[] data, int offset, int bytesAvailable) {
        if (Bytes.u8(data, offset) >>> 4 != 6) {
            throw new IndexOutOfBoundsException("not an IPv6 header");
        }
        int payloadLength = Bytes.u16(data, offset + 4);
        int next = Bytes.u8(data, offset + 6);
        int hopLimit = Bytes.u8(data, offset + 7);
        InetAddress source = addresses.ipv6(data, offset + 8);
        InetAddress destination = addresses.ipv6(data, offset + 24);
        int headerLength = 40;
        int fragmentOffset = 0;
        boolean moreFragments = false;
        int identification = 0;
        while (EXTENSIONS.contains(next)) {
            int at = offset + headerLength;
            if (next == FRAGMENT) {
                int field = Bytes.u16(data, at + 2);
                fragmentOffset = field & 0xfff8;
                moreFragments = (field & 1) != 0;
                identification = (int) Bytes.u32(data, at + 4);
            }
            int length = next == FRAGMENT ? 8
                    : next == AUTHENTICATION ? (Bytes.u8(data, at + 1) + 2) * 4 : (Bytes.u8(data, at + 1) + 1) * 8;
            next = Bytes.u8(data, at);
            headerLength += length;
        }
        int totalLength = payloadLength == 0 ? bytesAvailable : payloadLength + 40;
        return new IpHeader(6, source, destination, next, hopLimit, totalLength, identification, true,
                fragmentOffset, moreFragments, headerLength);
    }
}

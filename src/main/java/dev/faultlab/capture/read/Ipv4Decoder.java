package dev.faultlab.capture.read;

import java.net.InetAddress;
import java.util.Set;

/** IPv4 headers (options skipped). */
final class Ipv4Decoder implements IpDecoder {
    private final AddressCache addresses;

    Ipv4Decoder(AddressCache addresses) {
        this.addresses = addresses;
    }

    @Override
    public Set<Integer> etherTypes() {
        return Set.of(NetworkLayer.IPV4);
    }

    @Override
    public int version() {
        return 4;
    }

    @Override
    public IpHeader header(byte[] data, int offset, int bytesAvailable) {
        int first = Bytes.u8(data, offset);
        int headerLength = (first & 0x0f) * 4;
        if (first >>> 4 != 4 || headerLength < 20) {
            throw new IndexOutOfBoundsException("not an IPv4 header");
        }
        int totalLength = Bytes.u16(data, offset + 2);
        if (totalLength == 0) {
            totalLength = bytesAvailable;
        }
        int identification = Bytes.u16(data, offset + 4);
        int fragment = Bytes.u16(data, offset + 6);
        int ttl = Bytes.u8(data, offset + 8);
        int protocol = Bytes.u8(data, offset + 9);
        InetAddress source = addresses.ipv4(data, offset + 12);
        InetAddress destination = addresses.ipv4(data, offset + 16);
        return new IpHeader(4, source, destination, protocol, ttl, totalLength, identification,
                (fragment & 0x4000) != 0, (fragment & 0x1fff) * 8, (fragment & 0x2000) != 0, headerLength);
    }

    static InetAddress address(byte[] data, int offset, int length) {
        return AddressCache.create(Bytes.slice(data, offset, length));
    }
}

package dev.faultlab.datapath.bgp;

import java.nio.ByteBuffer;

/**
 * An IPv4 prefix as BGP carries it in NLRI and withdrawn routes: a length in bits, then only the octets that
 * length needs.
 *
 * @param address the network address, host bits zero, as an unsigned 32-bit value in an int
 * @param length  prefix length, 0-32
 */
record Prefix(int address, int length) {
    public Prefix {
        if (length < 0 || length > 32) {
            throw new IllegalArgumentException("prefix length " + length + " is not 0-32");
        }
        address &= mask(length);
    }

    /** {@code 10.244.1.0/24}. */
    public static Prefix parse(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + cidr + "' is not a prefix: write it as 10.244.1.0/24");
        }
        return new Prefix(Ipv4.parse(cidr.substring(0, slash)), Integer.parseInt(cidr.substring(slash + 1)));
    }

    void write(ByteBuffer out) {
        out.put((byte) length);
        for (int i = 0; i < octets(); i++) {
            out.put((byte) (address >>> (24 - 8 * i)));
        }
    }

    static Prefix read(ByteBuffer in) {
        int length = Byte.toUnsignedInt(in.get());
        if (length > 32) {
            throw new BgpFormatException(BgpFormatException.UPDATE, 10, "prefix length " + length + " over 32");
        }
        int address = 0;
        for (int i = 0; i < (length + 7) / 8; i++) {
            address |= Byte.toUnsignedInt(in.get()) << (24 - 8 * i);
        }
        return new Prefix(address, length);
    }

    int encodedLength() {
        return 1 + octets();
    }

    private int octets() {
        return (length + 7) / 8;
    }

    private static int mask(int length) {
        return length == 0 ? 0 : -1 << (32 - length);
    }

    @Override
    public String toString() {
        return Ipv4.format(address) + "/" + length;
    }
}

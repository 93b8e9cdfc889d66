package dev.faultlab.capture.read;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Reuses the address objects of recently seen IP and MAC addresses: a capture holds few distinct addresses and
 * millions of packets, and building an {@link InetAddress} (three objects and a copy) per address per packet was a
 * large share of decoding. Two-way set-associative: an address is kept in one of the two places of its set, the
 * one found last in the first; a miss moves that one to the second place, dropping what was there. Direct-mapped,
 * two addresses of one place (122 of the 807 of the bench capture shared a place with another) replaced each other
 * on every packet of a conversation between them, so each packet got fresh address objects that the detectors'
 * tables then compared cold. Not thread-safe: each {@link PacketDecoder} owns its caches.
 */
final class AddressCache {
    private static final int SLOTS = 4096;

    private final int[] ipv4Keys = new int[SLOTS];
    private final InetAddress[] ipv4 = new InetAddress[SLOTS];
    private final byte[][] ipv6Keys = new byte[SLOTS][];
    private final InetAddress[] ipv6 = new InetAddress[SLOTS];
    private final long[] macKeys = new long[SLOTS];
    private final MacAddress[] macs = new MacAddress[SLOTS];

    /** The IPv4 address at {@code offset}; {@link IndexOutOfBoundsException} when the frame ends first. */
    InetAddress ipv4(byte[] data, int offset) {
        int key = (int) Bytes.u32(data, offset);
        int set = set(key);
        InetAddress first = ipv4[set];
        if (first != null && ipv4Keys[set] == key) {
            return first;
        }
        InetAddress second = ipv4[set + 1];
        if (second != null && ipv4Keys[set + 1] == key) {
            return second;
        }
        InetAddress made = create(Bytes.slice(data, offset, 4));
        ipv4Keys[set + 1] = ipv4Keys[set];
        ipv4[set + 1] = first;
        ipv4Keys[set] = key;
        ipv4[set] = made;
        return made;
    }

    /** The IPv6 address at {@code offset}; {@link IndexOutOfBoundsException} when the frame ends first. */
    InetAddress ipv6(byte[] data, int offset) {
        if (offset < 0 || offset + 16 > data.length) {
            throw new IndexOutOfBoundsException("IPv6 address at " + offset + " of " + data.length);
        }
        int hash = 1;
        for (int i = offset; i < offset + 16; i++) {
            hash = 31 * hash + data[i];
        }
        int set = set(hash);
        for (int place = set; place < set + 2; place++) {
            byte[] key = ipv6Keys[place];
            if (key != null && Arrays.equals(key, 0, 16, data, offset, offset + 16)) {
                return ipv6[place];
            }
        }
        byte[] bytes = Bytes.slice(data, offset, 16);
        InetAddress made = create(bytes);
        ipv6Keys[set + 1] = ipv6Keys[set];
        ipv6[set + 1] = ipv6[set];
        ipv6Keys[set] = bytes.clone();
        ipv6[set] = made;
        return made;
    }

    /** The MAC address at {@code offset}. */
    MacAddress mac(byte[] data, int offset) {
        long key = (long) Bytes.u16(data, offset) << 32 | Bytes.u32(data, offset + 2);
        int set = set((int) (key ^ key >>> 32));
        MacAddress first = macs[set];
        if (first != null && macKeys[set] == key) {
            return first;
        }
        MacAddress second = macs[set + 1];
        if (second != null && macKeys[set + 1] == key) {
            return second;
        }
        MacAddress made = new MacAddress(key);
        macKeys[set + 1] = macKeys[set];
        macs[set + 1] = first;
        macKeys[set] = key;
        macs[set] = made;
        return made;
    }

    /** The first of the two places of the set for {@code hash}. */
    private static int set(int hash) {
        int h = hash * 0x9E3779B9;
        return (h ^ h >>> 16) & (SLOTS - 2);
    }

    static InetAddress create(byte[] address) {
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}

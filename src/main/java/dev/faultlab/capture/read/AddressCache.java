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

    private final TwoWaySets<InetAddress> ipv4 = new TwoWaySets<>();
    private final byte[][] ipv6Keys = new byte[SLOTS][];
    private final InetAddress[] ipv6 = new InetAddress[SLOTS];
    private final TwoWaySets<MacAddress> macs = new TwoWaySets<>();

    /**
     * Values by a key of up to 64 bits (an IPv4 address, a MAC), in two-way sets: the one place that keeps the
     * policy of the class comment for the keys that fit in a long. IPv6 addresses, keyed by their 16 bytes, follow
     * the same policy in arrays of their own.
     */
    private static final class TwoWaySets<V> {
        private final long[] keys = new long[SLOTS];
        private final Object[] values = new Object[SLOTS];

        /** The value kept for {@code key} in its set, or null. */
        @SuppressWarnings("unchecked")
        V find(long key, int set) {
            Object first = values[set];
            if (first != null && keys[set] == key) {
                return (V) first;
            }
            Object second = values[set + 1];
            return second != null && keys[set + 1] == key ? (V) second : null;
        }

        /** Keeps {@code made} for {@code key} first in its set, moving the first to second; returns {@code made}. */
        V keep(long key, int set, V made) {
            keys[set + 1] = keys[set];
            values[set + 1] = values[set];
            keys[set] = key;
            values[set] = made;
            return made;
        }
    }

    /** The IPv4 address at {@code offset}; {@link IndexOutOfBoundsException} when the frame ends first. */
    InetAddress ipv4(byte[] data, int offset) {
        long key = Bytes.u32(data, offset);
        int set = set((int) key);
        InetAddress cached = ipv4.find(key, set);
        return cached != null ? cached : ipv4.keep(key, set, create(Bytes.slice(data, offset, 4)));
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
        MacAddress cached = macs.find(key, set);
        return cached != null ? cached : macs.keep(key, set, new MacAddress(key));
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

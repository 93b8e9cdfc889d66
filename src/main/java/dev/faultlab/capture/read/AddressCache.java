package dev.faultlab.capture.read;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Reuses the address objects of recently seen IP and MAC addresses: a capture holds few distinct addresses and
 * millions of packets, and building an {@link InetAddress} (three objects and a copy) per address per packet was a
 * large share of decoding. Direct-mapped, so a miss just replaces the slot. Not thread-safe: each
 * {@link PacketDecoder} owns its caches.
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
        int slot = slot(key);
        InetAddress cached = ipv4[slot];
        if (cached != null && ipv4Keys[slot] == key) {
            return cached;
        }
        InetAddress made = create(Bytes.slice(data, offset, 4));
        ipv4Keys[slot] = key;
        ipv4[slot] = made;
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
        int slot = slot(hash);
        byte[] key = ipv6Keys[slot];
        if (key != null && Arrays.equals(key, 0, 16, data, offset, offset + 16)) {
            return ipv6[slot];
        }
        byte[] bytes = Bytes.slice(data, offset, 16);
        InetAddress made = create(bytes);
        ipv6Keys[slot] = bytes.clone();
        ipv6[slot] = made;
        return made;
    }

    /** The MAC address at {@code offset}. */
    MacAddress mac(byte[] data, int offset) {
        long key = (long) Bytes.u16(data, offset) << 32 | Bytes.u32(data, offset + 2);
        int slot = slot((int) (key ^ key >>> 32));
        MacAddress cached = macs[slot];
        if (cached != null && macKeys[slot] == key) {
            return cached;
        }
        MacAddress made = new MacAddress(key);
        macKeys[slot] = key;
        macs[slot] = made;
        return made;
    }

    private static int slot(int hash) {
        int h = hash * 0x9E3779B9;
        return (h ^ h >>> 16) & (SLOTS - 1);
    }

    static InetAddress create(byte[] address) {
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}

package dev.faultlab.detect.tcp;

import dev.faultlab.capture.read.IpHeader;
import dev.faultlab.capture.read.Packet;
import dev.faultlab.capture.read.TcpHeader;

import java.net.InetAddress;

/**
 * Recognizes one TCP segment seen twice in one capture within a few milliseconds - a capture on {@code any}
 * sees a forwarded packet on each interface it crosses (veth, cni0, flannel.1, eth0) - so it is not mistaken for
 * a retransmission. A real retransmission differs in IP identification (Linux numbers each DF segment) or TCP
 * timestamp, or comes later than the window.
 *
 * <p>Every TCP packet passes here, so the recent segments live in primitive arrays: a ring in arrival order (the
 * oldest leave first, as from an insertion-ordered map) and an open-addressing index over it; no objects per
 * packet.
 */
final class DuplicateFilter {
    static final long WINDOW_NANOS = 20_000_000L;
    static final int KEPT = 65_536;
    private static final int FIRST_TABLE = 1024;

    // the fields that stay the same while a packet is forwarded (TTL and MACs change, these do not), per ring slot
    private final InetAddress[] sources = new InetAddress[KEPT];
    private final InetAddress[] destinations = new InetAddress[KEPT];
    private final int[] identifications = new int[KEPT];
    private final int[] ports = new int[KEPT];
    private final long[] seqs = new long[KEPT];
    private final long[] acks = new long[KEPT];
    private final int[] flagsAndLengths = new int[KEPT];
    private final long[] tsVals = new long[KEPT];
    private final long[] seenAt = new long[KEPT];
    private final int[] hashes = new int[KEPT];
    /**
     * Ring slot + 1 of the segment hashed here, 0 for empty. Sized to the segments held (at most a quarter full,
     * so probe runs and the deletions that shift them stay short), not to the most it may hold: a capture in time
     * order holds a few hundred, and a small index stays in the cache.
     */
    private int[] index = new int[FIRST_TABLE];
    private int mask = FIRST_TABLE - 1;
    private int oldest;
    private int size;

    /** True when the same segment was already seen less than the window ago. */
    boolean isDuplicate(Packet p) {
        IpHeader ip = p.ip();
        TcpHeader tcp = p.tcp();
        long now = p.epochNanos();
        while (size > 0 && (now - seenAt[oldest] > WINDOW_NANOS || size >= KEPT)) {
            removeOldest();
        }
        InetAddress source = ip.source();
        InetAddress destination = ip.destination();
        int portPair = tcp.sourcePort() << 16 | tcp.destinationPort();
        // flags are 8 bits; a payload length is below 2^24 (IP lengths are 16 bits, jumbo TSO frames aside)
        int flagsAndLength = tcp.flags() << 24 ^ tcp.payloadLength();
        long tsVal = tcp.options().tsVal();
        int hash = hash(source, destination, ip.identification(), portPair, tcp.seq(), tcp.ack(), flagsAndLength,
                tsVal, tcp.payloadLength());
        for (int at = hash & mask; index[at] != 0; at = at + 1 & mask) {
            int slot = index[at] - 1;
            if (hashes[slot] == hash && identifications[slot] == ip.identification() && ports[slot] == portPair
                    && seqs[slot] == tcp.seq() && acks[slot] == tcp.ack() && flagsAndLengths[slot] == flagsAndLength
                    && tsVals[slot] == tsVal && same(sources[slot], source) && same(destinations[slot], destination)) {
                // the first sighting stays (as putIfAbsent kept it)
                return now - seenAt[slot] <= WINDOW_NANOS;
            }
        }
        if ((size + 1) * 4 > index.length) {
            growIndex();
        }
        int slot = (oldest + size) % KEPT;
        size++;
        sources[slot] = source;
        destinations[slot] = destination;
        identifications[slot] = ip.identification();
        ports[slot] = portPair;
        seqs[slot] = tcp.seq();
        acks[slot] = tcp.ack();
        flagsAndLengths[slot] = flagsAndLength;
        tsVals[slot] = tsVal;
        seenAt[slot] = now;
        hashes[slot] = hash;
        place(slot);
        return false;
    }

    private void place(int slot) {
        int at = hashes[slot] & mask;
        while (index[at] != 0) {
            at = at + 1 & mask;
        }
        index[at] = slot + 1;
    }

    private void growIndex() {
        index = new int[index.length * 2];
        mask = index.length - 1;
        for (int i = 0; i < size; i++) {
            place((oldest + i) % KEPT);
        }
    }

    private static boolean same(InetAddress a, InetAddress b) {
        return a == b || a.equals(b);
    }

    private static int hash(InetAddress source, InetAddress destination, int identification, int ports, long seq,
                            long ack, int flagsAndLength, long tsVal, int length) {
        long h = source.hashCode() * 0x9E3779B97F4A7C15L;
        h = (h ^ destination.hashCode()) * 0x9E3779B97F4A7C15L;
        h = (h ^ identification ^ (long) ports << 32) * 0x9E3779B97F4A7C15L;
        h = (h ^ seq ^ ack << 32 ^ ack >>> 32) * 0x9E3779B97F4A7C15L;
        h = (h ^ flagsAndLength ^ tsVal << 20 ^ length) * 0x9E3779B97F4A7C15L;
        // murmur3's finalizer: the index uses the low bits, which the multiplications above leave poorly mixed
        h = (h ^ h >>> 33) * 0xff51afd7ed558ccdL;
        h = (h ^ h >>> 33) * 0xc4ceb9fe1a85ec53L;
        return (int) (h ^ h >>> 33);
    }

    /** Drops the oldest segment from the ring and its index (backward-shift deletion keeps probes unbroken). */
    private void removeOldest() {
        int slot = oldest;
        int at = hashes[slot] & mask;
        while (index[at] != slot + 1) {
            at = at + 1 & mask;
        }
        int hole = at;
        for (int next = hole + 1 & mask; index[next] != 0; next = next + 1 & mask) {
            int home = hashes[index[next] - 1] & mask;
            boolean stays = hole <= next ? hole < home && home <= next : hole < home || home <= next;
            if (!stays) {
                index[hole] = index[next];
                hole = next;
            }
        }
        index[hole] = 0;
        sources[slot] = null;
        destinations[slot] = null;
        oldest = (oldest + 1) % KEPT;
        size--;
    }
}

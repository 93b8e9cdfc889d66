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
 * oldest leave first, as from an insertion-ordered map), a slot of which is eight adjacent longs, and an
 * open-addressing index over it; no objects per packet, and IPv4 addresses as their numbers. A segment leaving the
 * ring stays in the index as a stale entry (its slot is outside the ring's live part): a lookup walks past it, an
 * insertion reuses its place, and a rebuild from the ring clears the rest once the index is half full - every
 * packet removed one entry with a search and a backward shift before.
 */
final class DuplicateFilter {
    static final long WINDOW_NANOS = 20_000_000L;
    static final int KEPT = 65_536;
    private static final int FIRST_TABLE = 1024;

    private static final int FIRST_RING = 1024;
    /** Longs per ring slot: one cache line, which each packet writes (ten arrays were ten lines). */
    private static final int STRIDE = 8;
    private static final int SEQ = 0;
    private static final int ACK = 1;
    private static final int TS_VAL = 2;
    private static final int SEEN_AT = 3;
    /** identification << 32 | the port pair. */
    private static final int ID_PORTS = 4;
    /** flags and payload length << 32 | the hash. */
    private static final int FLAGS_HASH = 5;
    /** The source's address hash code << 32 | the destination's. */
    private static final int ADDRESSES = 6;
    /** 1 when both addresses are IPv4 (their hash codes are the addresses), else 0. */
    private static final int IPV4 = 7;

    // the fields that stay the same while a packet is forwarded (TTL and MACs change, these do not), per ring slot;
    // the ring doubles up to KEPT slots when full: a capture in time order holds a few hundred segments, and a ring
    // of that size stays in the cache while each packet writes a slot of it
    private long[] ring = new long[FIRST_RING * STRIDE];
    /**
     * The addresses of the slots that are not both IPv4, whose hash codes do not tell them apart (an IPv4 address's
     * hash code is the address, so an IPv4 segment stores no object here and reads none); null elsewhere.
     */
    private InetAddress[] sources = new InetAddress[FIRST_RING];
    private InetAddress[] destinations = new InetAddress[FIRST_RING];
    private int ringMask = FIRST_RING - 1;
    /**
     * Ring slot + 1 of the segment hashed here, 0 for empty; the slot may have left the ring since (a stale entry,
     * or one whose slot the ring reused for a segment indexed elsewhere: either compares with what the slot holds
     * now, so a match is always a segment in the ring). Sized to the segments held (at most a sixteenth after a
     * rebuild, half with stale entries, so probe runs stay short), not to the most it may hold: a capture in time
     * order holds a few hundred, and a small index stays in the cache.
     */
    private int[] index = new int[FIRST_TABLE];
    private int mask = FIRST_TABLE - 1;
    /** Places of {@link #index} that are not empty (live and stale entries). */
    private int occupied;
    private int oldest;
    private int size;

    /**
     * True when the same segment was already seen less than the window ago; {@code sourceHash} and {@code
     * destinationHash} are the hash codes of the packet's addresses (read once per packet by the tracker, which
     * needs them for the flow key too), {@code ipv4} whether both addresses are IPv4 (the key's answer).
     */
    boolean isDuplicate(Packet p, int sourceHash, int destinationHash, boolean ipv4) {
        IpHeader ip = p.ip();
        TcpHeader tcp = p.tcp();
        long now = p.epochNanos();
        long[] ring = this.ring;
        while (size > 0 && (now - ring[oldest * STRIDE + SEEN_AT] > WINDOW_NANOS || size >= KEPT)) {
            // the index keeps its entry (stale now): see the class comment
            if (ring[oldest * STRIDE + IPV4] == 0) {
                sources[oldest] = null;
                destinations[oldest] = null;
            }
            oldest = oldest + 1 & ringMask;
            size--;
        }
        int portPair = tcp.sourcePort() << 16 | tcp.destinationPort();
        // flags are 8 bits; a payload length is below 2^24 (IP lengths are 16 bits, jumbo TSO frames aside)
        int flagsAndLength = tcp.flags() << 24 ^ tcp.payloadLength();
        long tsVal = tcp.options().tsVal();
        int identification = ip.identification();
        long seq = tcp.seq();
        long ack = tcp.ack();
        int hash = hash(sourceHash, destinationHash, identification, portPair, seq, ack, flagsAndLength, tsVal,
                tcp.payloadLength());
        long idPorts = (long) identification << 32 | portPair & 0xffffffffL;
        long flagsHash = (long) flagsAndLength << 32 | hash & 0xffffffffL;
        long addresses = (long) sourceHash << 32 | destinationHash & 0xffffffffL;
        long family = ipv4 ? 1 : 0;
        int stalePlace = -1;
        int at = hash & mask;
        for (int entry = index[at]; entry != 0; at = at + 1 & mask, entry = index[at]) {
            int slot = entry - 1;
            int base = slot * STRIDE;
            if ((slot - oldest & ringMask) >= size) {
                stalePlace = stalePlace < 0 ? at : stalePlace;
            } else if (ring[base + FLAGS_HASH] == flagsHash && ring[base + ID_PORTS] == idPorts
                    && ring[base + SEQ] == seq && ring[base + ACK] == ack && ring[base + TS_VAL] == tsVal
                    && ring[base + ADDRESSES] == addresses && ring[base + IPV4] == family
                    && (ipv4 || same(sources[slot], ip.source()) && same(destinations[slot], ip.destination()))) {
                // the first sighting stays (as putIfAbsent kept it)
                return now - ring[base + SEEN_AT] <= WINDOW_NANOS;
            }
        }
        if (size > ringMask) {
            growRing(); // reindexes: the probe's places are gone
            ring = this.ring;
            stalePlace = -1;
            at = -1;
        }
        int slot = oldest + size & ringMask;
        size++;
        int base = slot * STRIDE;
        ring[base + SEQ] = seq;
        ring[base + ACK] = ack;
        ring[base + TS_VAL] = tsVal;
        ring[base + SEEN_AT] = now;
        ring[base + ID_PORTS] = idPorts;
        ring[base + FLAGS_HASH] = flagsHash;
        ring[base + ADDRESSES] = addresses;
        ring[base + IPV4] = family;
        if (!ipv4) {
            sources[slot] = ip.source();
            destinations[slot] = ip.destination();
        }
        if (stalePlace >= 0) {
            index[stalePlace] = slot + 1;
        } else if (at < 0 || (occupied + 1) * 2 > index.length) {
            rebuildIndex();
        } else {
            index[at] = slot + 1;
            occupied++;
        }
        return false;
    }

    /**
     * Indexes the ring's segments afresh (the stale entries go), in an index at most a sixteenth full (doubled when
     * the ring holds more than that), so the next rebuild comes after many insertions.
     */
    private void rebuildIndex() {
        int length = index.length;
        while (size * 16 > length) {
            length *= 2;
        }
        if (length == index.length) {
            java.util.Arrays.fill(index, 0);
        } else {
            index = new int[length];
            mask = length - 1;
        }
        for (int i = 0; i < size; i++) {
            place(oldest + i & ringMask);
        }
        occupied = size;
    }

    /** Doubles the full ring, its segments from slot 0 in the same order, and indexes them afresh. */
    private void growRing() {
        int length = (ringMask + 1) * 2;
        long[] grown = new long[length * STRIDE];
        int toEnd = ringMask + 1 - oldest;
        System.arraycopy(ring, oldest * STRIDE, grown, 0, toEnd * STRIDE);
        System.arraycopy(ring, 0, grown, toEnd * STRIDE, oldest * STRIDE);
        ring = grown;
        sources = unrolled(sources, new InetAddress[length]);
        destinations = unrolled(destinations, new InetAddress[length]);
        ringMask = length - 1;
        oldest = 0;
        rebuildIndex();
    }

    /** The full ring {@code from}, oldest first, at the start of the larger {@code to}; returns {@code to}. */
    private <A> A unrolled(A from, A to) {
        int toEnd = ringMask + 1 - oldest;
        System.arraycopy(from, oldest, to, 0, toEnd);
        System.arraycopy(from, 0, to, toEnd, oldest);
        return to;
    }

    private void place(int slot) {
        int at = (int) ring[slot * STRIDE + FLAGS_HASH] & mask;
        while (index[at] != 0) {
            at = at + 1 & mask;
        }
        index[at] = slot + 1;
    }

    private static boolean same(InetAddress a, InetAddress b) {
        return a == b || a.equals(b);
    }

    private static int hash(int sourceHash, int destinationHash, int identification, int ports, long seq,
                            long ack, int flagsAndLength, long tsVal, int length) {
        long h = sourceHash * 0x9E3779B97F4A7C15L;
        h = (h ^ destinationHash) * 0x9E3779B97F4A7C15L;
        h = (h ^ identification ^ (long) ports << 32) * 0x9E3779B97F4A7C15L;
        h = (h ^ seq ^ ack << 32 ^ ack >>> 32) * 0x9E3779B97F4A7C15L;
        h = (h ^ flagsAndLength ^ tsVal << 20 ^ length) * 0x9E3779B97F4A7C15L;
        // murmur3's finalizer: the index uses the low bits, which the multiplications above leave poorly mixed
        h = (h ^ h >>> 33) * 0xff51afd7ed558ccdL;
        h = (h ^ h >>> 33) * 0xc4ceb9fe1a85ec53L;
        return (int) (h ^ h >>> 33);
    }
}

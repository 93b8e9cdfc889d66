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
 * oldest leave first, as from an insertion-ordered map), a slot of which is eight adjacent longs, and hash buckets
 * over it; no objects per packet, and IPv4 addresses as their numbers. Each segment gets the next number and the
 * ring slot of that number; a bucket holds the number of its newest segment and each segment the number of the
 * bucket's one before it: a lookup walks that chain, newest first, down to the first number that has left the ring
 * (every older one has left too). Leaving costs nothing, and an insertion is two writes: the index of ring places
 * it replaces walked past the stale entries of segments gone and was rebuilt every couple of thousand packets.
 */
final class DuplicateFilter {
    static final long WINDOW_NANOS = 20_000_000L;
    static final int KEPT = 65_536;

    private static final int FIRST_RING = 1024;
    /** Buckets per ring slot: chains of the ring's segments stay a fraction of one long. */
    private static final int BUCKETS_PER_SLOT = 2;
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
    /**
     * The top bit set when both addresses are IPv4 (their hash codes are the addresses); below it, the number + 1 of
     * the segment before it in its bucket (0: none).
     */
    private static final int IPV4_CHAIN = 7;
    private static final long CHAIN_BITS = Long.MAX_VALUE;

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
    /** The segment numbered {@code n} is at ring slot {@code n & ringMask}. */
    private int ringMask = FIRST_RING - 1;
    /** Per bucket: the number + 1 of its newest segment (0: none; the segment may have left the ring since). */
    private long[] buckets = new long[FIRST_RING * BUCKETS_PER_SLOT];
    private int bucketMask = FIRST_RING * BUCKETS_PER_SLOT - 1;
    /** The numbers in the ring: from {@code first} (the oldest) to {@code next - 1}. */
    private long first;
    private long next;

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
        while (first < next && (now - ring[((int) first & ringMask) * STRIDE + SEEN_AT] > WINDOW_NANOS
                || next - first >= KEPT)) {
            int oldest = (int) first & ringMask;
            if (ring[oldest * STRIDE + IPV4_CHAIN] >= 0) { // not IPv4: its addresses go
                sources[oldest] = null;
                destinations[oldest] = null;
            }
            first++;
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
        long family = ipv4 ? Long.MIN_VALUE : 0;
        for (long n = buckets[hash & bucketMask] - 1; n >= first; ) {
            int slot = (int) n & ringMask;
            int base = slot * STRIDE;
            long chain = ring[base + IPV4_CHAIN];
            if (ring[base + FLAGS_HASH] == flagsHash && ring[base + ID_PORTS] == idPorts
                    && ring[base + SEQ] == seq && ring[base + ACK] == ack && ring[base + TS_VAL] == tsVal
                    && ring[base + ADDRESSES] == addresses && (chain & Long.MIN_VALUE) == family
                    && (ipv4 || same(sources[slot], ip.source()) && same(destinations[slot], ip.destination()))) {
                // the first sighting stays (as putIfAbsent kept it)
                return now - ring[base + SEEN_AT] <= WINDOW_NANOS;
            }
            n = (chain & CHAIN_BITS) - 1;
        }
        if (next - first > ringMask) {
            growRing();
            ring = this.ring;
        }
        long n = next++;
        int slot = (int) n & ringMask;
        int base = slot * STRIDE;
        int bucket = hash & bucketMask;
        ring[base + SEQ] = seq;
        ring[base + ACK] = ack;
        ring[base + TS_VAL] = tsVal;
        ring[base + SEEN_AT] = now;
        ring[base + ID_PORTS] = idPorts;
        ring[base + FLAGS_HASH] = flagsHash;
        ring[base + ADDRESSES] = addresses;
        ring[base + IPV4_CHAIN] = family | buckets[bucket];
        buckets[bucket] = n + 1;
        if (!ipv4) {
            sources[slot] = ip.source();
            destinations[slot] = ip.destination();
        }
        return false;
    }

    /**
     * Doubles the full ring, each segment at its number's slot, and the buckets, chained afresh from the oldest
     * segment on (so each chain runs newest first, as insertions made it).
     */
    private void growRing() {
        int length = (ringMask + 1) * 2;
        int grownMask = length - 1;
        long[] grown = new long[length * STRIDE];
        InetAddress[] grownSources = new InetAddress[length];
        InetAddress[] grownDestinations = new InetAddress[length];
        for (long n = first; n < next; n++) {
            int from = (int) n & ringMask;
            int to = (int) n & grownMask;
            System.arraycopy(ring, from * STRIDE, grown, to * STRIDE, STRIDE);
            grownSources[to] = sources[from];
            grownDestinations[to] = destinations[from];
        }
        ring = grown;
        sources = grownSources;
        destinations = grownDestinations;
        ringMask = grownMask;
        buckets = new long[length * BUCKETS_PER_SLOT];
        bucketMask = buckets.length - 1;
        for (long n = first; n < next; n++) {
            int base = ((int) n & ringMask) * STRIDE;
            int bucket = (int) ring[base + FLAGS_HASH] & bucketMask;
            ring[base + IPV4_CHAIN] = ring[base + IPV4_CHAIN] & Long.MIN_VALUE | buckets[bucket];
            buckets[bucket] = n + 1;
        }
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

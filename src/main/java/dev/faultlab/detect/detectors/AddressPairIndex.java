package dev.faultlab.detect.detectors;

import dev.faultlab.detect.tcp.LongPairMap;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * The values of IPv4 address pairs (per capture) found by number, in front of a detector's map keyed by {@link
 * AddressPair} that stays the record of what is kept and in which order: the map's lookup reaches a node, a key
 * and its addresses (cache misses in a map of 10^4 pairs) for every frame or flight, this one reads a {@link
 * LongPairMap}. Only for maps whose pairs are never dropped (it only adds); pairs that are not IPv4 are not
 * indexed, and the caller looks them up in its map.
 *
 * @param <V> the map's values
 */
final class AddressPairIndex<V> {
    private final LongPairMap<V> index = new LongPairMap<>();
    private final CaptureIds captures = new CaptureIds();

    /** Whether {@code (from, to)} can be indexed: both IPv4. */
    static boolean indexable(InetAddress from, InetAddress to) {
        return from instanceof Inet4Address && to instanceof Inet4Address;
    }

    /** The value of the pair, or null when it was not added (always for a pair that is not {@link #indexable}). */
    V get(String capture, InetAddress from, InetAddress to) {
        return indexable(from, to) ? index.get(pair(from, to), captures.of(capture)) : null;
    }

    /** Adds the value of an {@link #indexable} pair that is not here yet. */
    void add(String capture, InetAddress from, InetAddress to, V value) {
        index.add(pair(from, to), captures.of(capture), value);
    }

    /**
     * Two IPv4 addresses as one number: Inet4Address's hash code is its 32-bit address (as in every JDK since
     * 1.0; FlowIndexTest checks it), read without the array copy of {@code getAddress()}.
     */
    static long pair(InetAddress from, InetAddress to) {
        return (from.hashCode() & 0xffffffffL) << 32 | to.hashCode() & 0xffffffffL;
    }
}

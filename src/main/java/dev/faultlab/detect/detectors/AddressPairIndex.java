package dev.faultlab.detect.detectors;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * IPv4 address pairs as numbers, for the detectors' tables that find per-pair state by number instead of by an
 * {@link AddressPair} key (whose lookup reaches a node, a key and its addresses: cache misses in a table of 10^4
 * pairs, for every frame or flight). Pairs that are not IPv4 are not numbered; their owners look them up by key.
 */
final class AddressPairIndex {
    private AddressPairIndex() {
    }

    /** Whether {@code (from, to)} can be numbered: both IPv4. */
    static boolean indexable(InetAddress from, InetAddress to) {
        return from instanceof Inet4Address && to instanceof Inet4Address;
    }

    /**
     * Two IPv4 addresses as one number: Inet4Address's hash code is its 32-bit address (as in every JDK since
     * 1.0; FlowIndexTest checks it), read without the array copy of {@code getAddress()}.
     */
    static long pair(InetAddress from, InetAddress to) {
        return (from.hashCode() & 0xffffffffL) << 32 | to.hashCode() & 0xffffffffL;
    }
}

package dev.faultlab.detect.detectors;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * tunnel-mtu-blackhole's paths (the traffic of each address pair of a capture, one per direction), made on a
 * flight's first packet, never dropped, at most {@code kept}: past the cap none is made. A flight's two paths are
 * what looking up (or making) its own direction's and then, unless linked to it, the reverse one's found - with one
 * lookup, not two: paths are made in pairs, each linked to its reverse, until the cap, so only the last one made can
 * lack its reverse (the cap came between them); a path that is not there, past the cap, has a reverse only if that
 * is the last one made, and one just made has none yet. A busy capture's pairs beyond the cap cost one cold place
 * per connection instead of two.
 */
final class KeptPaths {
    private final int kept;
    private final Map<AddressPair, PathTraffic> paths = new LinkedHashMap<>();
    /** The IPv4 paths of {@link #paths}, found by number (paths are never dropped). */
    private final AddressPairIndex<PathTraffic> indexed = new AddressPairIndex<>();
    /** The path made last, and its key. */
    private PathTraffic lastMade;
    private AddressPair lastMadeKey;

    KeptPaths(int kept) {
        this.kept = kept;
    }

    /**
     * Gives {@code flight} (from {@code src} to {@code dst}) its path and the reverse one, either null past the cap,
     * linked to each other; a path made follows {@code noEarlierThan} (its capture's clock).
     */
    void lookUp(SegmentFlight flight, String capture, InetAddress src, InetAddress dst, LongSupplier noEarlierThan) {
        PathTraffic forward = known(capture, src, dst);
        PathTraffic reverse;
        if (forward != null) {
            // the reverse path linked to the forward one is what its lookup would find (it exists already)
            reverse = forward.reverse() != null ? forward.reverse() : path(capture, dst, src, noEarlierThan);
        } else if (paths.size() < kept) {
            forward = make(capture, src, dst, noEarlierThan);
            reverse = src.equals(dst) ? forward : path(capture, dst, src, noEarlierThan);
        } else {
            reverse = lastMadeKey != null && lastMadeKey.capture().equals(capture) && lastMadeKey.from().equals(dst)
                    && lastMadeKey.to().equals(src) ? lastMade : null;
        }
        if (forward != null && reverse != null) {
            forward.linkReverse(reverse);
        }
        flight.paths(forward, reverse);
    }

    /** The path of {@code key}, or null. */
    PathTraffic get(AddressPair key) {
        return paths.get(key);
    }

    /** Every path with its key, in the order made. */
    void forEach(BiConsumer<AddressPair, PathTraffic> action) {
        paths.forEach(action);
    }

    /** The path of {@code from} to {@code to}, made if it is not there and the cap allows (else null). */
    private PathTraffic path(String capture, InetAddress from, InetAddress to, LongSupplier noEarlierThan) {
        PathTraffic known = known(capture, from, to);
        return known != null || paths.size() >= kept ? known : make(capture, from, to, noEarlierThan);
    }

    private PathTraffic known(String capture, InetAddress from, InetAddress to) {
        // every IPv4 path kept is indexed, so one the index lacks is not in the map either
        return AddressPairIndex.indexable(from, to) ? indexed.get(capture, from, to)
                : paths.get(new AddressPair(capture, from, to));
    }

    private PathTraffic make(String capture, InetAddress from, InetAddress to, LongSupplier noEarlierThan) {
        PathTraffic made = new PathTraffic(noEarlierThan);
        AddressPair key = new AddressPair(capture, from, to);
        paths.put(key, made);
        if (AddressPairIndex.indexable(from, to)) {
            indexed.add(capture, from, to, made);
        }
        lastMade = made;
        lastMadeKey = key;
        return made;
    }
}

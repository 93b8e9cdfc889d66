package dev.faultlab.detect.detectors;

import java.net.InetAddress;
import java.util.Arrays;
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
 *
 * <p>IPv4 paths are found by number in a table of their own: per place the two addresses as one long, then the
 * capture's number and the path's (in {@link #numbered}), 16 bytes where a place of the general two-long index
 * ({@code detect.tcp.LongPairIndex}) takes 24 and is kept at most half full: the 10,000 paths of a busy capture fit in 256 KB instead of 768, and a connection's
 * lookup of its path is one place in it.
 */
final class KeptPaths {
    private final int kept;
    /** The table's first size, in places (a power of two). */
    private static final int FIRST_PLACES = 64;
    private final Map<AddressPair, PathTraffic> paths = new LinkedHashMap<>();
    /**
     * The IPv4 paths of {@link #paths} (never dropped) by number: place i holds at 2i the addresses ({@link
     * AddressPairIndex#pair}), at 2i + 1 {@code capture number << 32 | (path number + 1)}, 0 when empty. Linear
     * probing, at most 5/8 full.
     */
    private long[] places = new long[2 * FIRST_PLACES];
    /** The IPv4 paths, numbered in the order made. */
    private PathTraffic[] numbered = new PathTraffic[16];
    private int numberedCount;
    private final CaptureIds captures = new CaptureIds();
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
        if (!AddressPairIndex.indexable(from, to)) {
            return paths.get(new AddressPair(capture, from, to));
        }
        // every IPv4 path kept is in the table, so one the table lacks is not in the map either
        long pair = AddressPairIndex.pair(from, to);
        long captureBits = (long) captures.of(capture) << 32;
        int mask = places.length / 2 - 1;
        for (int at = home(pair, captureBits) & mask; places[2 * at + 1] != 0; at = at + 1 & mask) {
            long second = places[2 * at + 1];
            if (places[2 * at] == pair && (second & 0xffffffff00000000L) == captureBits) {
                return numbered[(int) second - 1];
            }
        }
        return null;
    }

    /** Adds an IPv4 path, not in the table yet. */
    private void number(String capture, InetAddress from, InetAddress to, PathTraffic path) {
        if (numberedCount == numbered.length) {
            numbered = Arrays.copyOf(numbered, 2 * numberedCount);
        }
        numbered[numberedCount++] = path;
        if (numberedCount * 8L > places.length / 2 * 5L) {
            long[] old = places;
            places = new long[2 * old.length];
            for (int i = 0; i < old.length; i += 2) {
                if (old[i + 1] != 0) {
                    place(old[i], old[i + 1]);
                }
            }
        }
        place(AddressPairIndex.pair(from, to), (long) captures.of(capture) << 32 | numberedCount);
    }

    private void place(long pair, long second) {
        int mask = places.length / 2 - 1;
        int at = home(pair, second & 0xffffffff00000000L) & mask;
        while (places[2 * at + 1] != 0) {
            at = at + 1 & mask;
        }
        places[2 * at] = pair;
        places[2 * at + 1] = second;
    }

    /** The table's hash of an IPv4 pair in a capture: every bit of both addresses in the low bits it indexes by. */
    private static int home(long pair, long captureBits) {
        return KeyHash.finish(KeyHash.with(KeyHash.with((int) (pair >>> 32), (int) pair), (int) (captureBits >>> 32)));
    }

    private PathTraffic make(String capture, InetAddress from, InetAddress to, LongSupplier noEarlierThan) {
        PathTraffic made = new PathTraffic(noEarlierThan);
        AddressPair key = new AddressPair(capture, from, to);
        paths.put(key, made);
        if (AddressPairIndex.indexable(from, to)) {
            number(capture, from, to, made);
        }
        lastMade = made;
        lastMadeKey = key;
        return made;
    }
}

package dev.faultlab.detect.detectors;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * KeptPaths gives a flight the paths that the former two lookups gave it - its own direction's, found or made while
 * the cap allows, then the reverse one's, the linked one or else found or made - with the same paths made in the
 * same order: random flights on IPv4 and IPv6 pairs (an address to itself included) of two captures, under caps
 * from 1 to 40, so that the cap often falls between a path and its reverse.
 */
class KeptPathsTest {
    @Test
    void givesTheFlightsThePathsTheTwoLookupsGave() throws UnknownHostException {
        for (int seed = 1; seed <= 80; seed++) {
            Random random = new Random(seed);
            check(random, 1 + random.nextInt(40), 2 + random.nextInt(10), 2_000);
        }
    }

    /** Thousands of paths: the IPv4 table grows several times, and its lookups stay the former ones. */
    @Test
    void manyPathsAsTheTwoLookupsGave() throws UnknownHostException {
        Random random = new Random(5);
        check(random, 3_000, 90, 12_000);
    }

    private static void check(Random random, int cap, int addressCount, int steps) throws UnknownHostException {
        KeptPaths paths = new KeptPaths(cap);
        Model model = new Model(cap);
        InetAddress[] addresses = addresses(random, addressCount);
        for (int step = 0; step < steps; step++) {
            String capture = random.nextInt(4) == 0 ? "b" : "a";
            InetAddress src = addresses[random.nextInt(addresses.length)];
            InetAddress dst = addresses[random.nextInt(addresses.length)];
            SegmentFlight flight = new SegmentFlight(capture, src, 1, dst, 2);
            paths.lookUp(flight, capture, src, dst, () -> Long.MIN_VALUE);
            String[] expected = model.lookUp(capture, src, dst);

            assertThat(flight.forwardPath() == null).isEqualTo(expected[0] == null);
            assertThat(flight.reversePath() == null).isEqualTo(expected[1] == null);
            assertThat(flight.forwardPath()).isSameAs(paths.get(new AddressPair(capture, src, dst)));
            if (expected[1] != null) {
                assertThat(flight.reversePath()).isSameAs(paths.get(new AddressPair(capture, dst, src)));
            }
            if (flight.forwardPath() != null && flight.reversePath() != null) {
                assertThat(flight.forwardPath().reverse()).isSameAs(flight.reversePath());
                assertThat(flight.reversePath().reverse()).isSameAs(flight.forwardPath());
            }
            if (step % 50 == 0 || step == steps - 1) {
                List<String> made = new ArrayList<>();
                paths.forEach((key, path) -> made.add(Model.key(key.capture(), key.from(), key.to())));
                assertThat(made).isEqualTo(model.made);
            }
        }
    }

    /** The former procedure: two lookups, each making the path when absent and the cap allows; paths by key. */
    private static final class Model {
        final int cap;
        final List<String> made = new ArrayList<>();
        final Set<String> kept = new HashSet<>();
        final Map<String, String> reverseOf = new HashMap<>();

        Model(int cap) {
            this.cap = cap;
        }

        /** The keys of the flight's path and the reverse one (null when there is none). */
        String[] lookUp(String capture, InetAddress src, InetAddress dst) {
            String forward = path(key(capture, src, dst));
            String reverse = forward != null && reverseOf.get(forward) != null ? reverseOf.get(forward)
                    : path(key(capture, dst, src));
            if (forward != null && reverse != null) {
                reverseOf.put(forward, reverse);
                reverseOf.put(reverse, forward);
            }
            return new String[] {forward, reverse};
        }

        private String path(String key) {
            if (kept.contains(key)) {
                return key;
            }
            if (made.size() >= cap) {
                return null;
            }
            made.add(key);
            kept.add(key);
            return key;
        }

        static String key(String capture, InetAddress from, InetAddress to) {
            return capture + " " + from.getHostAddress() + " > " + to.getHostAddress();
        }
    }

    private static InetAddress[] addresses(Random random, int count) throws UnknownHostException {
        Map<String, InetAddress> unique = new LinkedHashMap<>();
        while (unique.size() < count) {
            byte[] bytes = new byte[random.nextInt(4) == 0 ? 16 : 4];
            bytes[0] = 10;
            bytes[bytes.length - 1] = (byte) random.nextInt(count + 3);
            InetAddress a = InetAddress.getByAddress(bytes);
            unique.put(a.getHostAddress(), a);
        }
        return unique.values().toArray(new InetAddress[0]);
    }
}

package dev.faultlab.detect.detectors;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RecentFlights answers, touches and drops flights as the access-ordered, size-bounded LinkedHashMap keyed by
 * direction that it replaces, while it indexes a connection's two directions under one entry: random packets on a
 * few addresses and ports (connections to themselves included), walked the way tunnel-mtu-blackhole walks them
 * (a connection's second direction added without a lookup when its first has no reverse), with some connections
 * forgotten (both directions at once, or one after the other), checked step by step against that map.
 */
class RecentFlightsTest {
    private static final int KEPT = 6;

    private final List<SegmentFlight> dropped = new ArrayList<>();
    private final List<SegmentFlight> modelDropped = new ArrayList<>();
    private final RecentFlights<TunnelMtuBlackholeDetector.FlightKey, SegmentFlight> flights = new RecentFlights<>(KEPT,
            dropped::add);
    private final Map<String, SegmentFlight> model = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SegmentFlight> eldest) {
            if (size() > KEPT) {
                modelDropped.add(eldest.getValue());
                return true;
            }
            return false;
        }
    };
    /** tunnel-mtu-blackhole's own key: its numbers, and those of the opposite direction, are the ones indexed. */
    private final TunnelMtuBlackholeDetector.FlightKey probe = new TunnelMtuBlackholeDetector.FlightKey();
    private final InetAddress[] addresses = new InetAddress[3];

    RecentFlightsTest() throws UnknownHostException {
        for (int i = 0; i < addresses.length; i++) {
            addresses[i] = InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) (i + 1)});
        }
    }

    @Test
    void answersAndDropsAsAnAccessOrderedMapByDirection() {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            for (int step = 0; step < 20_000; step++) {
                int a = random.nextInt(3);
                int b = random.nextInt(3);
                int pa = random.nextInt(2);
                int pb = random.nextInt(2);
                SegmentFlight out = flight(a, pa, b, pb);
                SegmentFlight back = out.reverse();
                if (back == null) {
                    back = opposite(out, b, pb, a, pa);
                    out.linkReverse(back);
                } else {
                    flights.touch(back);
                    assertThat(model.get(key(b, pb, a, pa))).isSameAs(back);
                }
                if (random.nextInt(10) == 0) {
                    if (random.nextBoolean()) {
                        flights.removeBoth(out, back);
                    } else {
                        flights.remove(out);
                        flights.remove(back);
                    }
                    model.remove(key(a, pa, b, pb));
                    model.remove(key(b, pb, a, pa));
                }
                assertThat(dropped).isEqualTo(modelDropped);
            }
            List<SegmentFlight> drained = new ArrayList<>();
            flights.drain(drained::add);
            assertThat(drained).isEqualTo(new ArrayList<>(model.values()));
            assertThat(dropped).isNotEmpty();
            model.clear();
            dropped.clear();
            modelDropped.clear();
        }
    }

    /**
     * The detector's probe, set again and again (mostly to the same addresses and ports, or to the same swapped, as
     * a connection's packets do, which it answers from the numbers it holds), holds what a fresh key set the same
     * way holds: IPv4 and IPv6 addresses, two captures.
     */
    @Test
    void aProbeSetAgainHoldsAFreshKeysNumbers() throws UnknownHostException {
        InetAddress[] mixed = {addresses[0], addresses[1], InetAddress.getByName("fd00::1"),
                InetAddress.getByName("fd00::2")};
        Random random = new Random(5);
        TunnelMtuBlackholeDetector.FlightKey reused = new TunnelMtuBlackholeDetector.FlightKey();
        int[] last = {0, 0, 1, 1};
        for (int step = 0; step < 20_000; step++) {
            int[] k = switch (random.nextInt(4)) {
                case 0 -> last; // the same again
                case 1 -> new int[] {last[2], last[3], last[0], last[1]}; // the other direction
                default -> new int[] {random.nextInt(4), random.nextInt(2), random.nextInt(4), random.nextInt(2)};
            };
            String capture = random.nextInt(8) == 0 ? "d" : "c";
            int captureId = capture.equals("c") ? 0 : 1;
            reused.set(capture, captureId, mixed[k[0]], 40000 + k[1], mixed[k[2]], 40000 + k[3]);
            TunnelMtuBlackholeDetector.FlightKey fresh = new TunnelMtuBlackholeDetector.FlightKey().set(capture,
                    captureId, mixed[k[0]], 40000 + k[1], mixed[k[2]], 40000 + k[3]);
            assertThat(reused).isEqualTo(fresh).hasSameHashCodeAs(fresh);
            assertThat(reused.numbered()).isEqualTo(fresh.numbered());
            if (fresh.numbered()) {
                assertThat(new long[] {reused.first(), reused.second(), reused.reverseFirst(), reused.reverseSecond()})
                        .containsExactly(fresh.first(), fresh.second(), fresh.reverseFirst(), fresh.reverseSecond());
            }
            last = k;
        }
    }

    /** The flight of one direction, looked up (or added) in both, the answers compared. */
    private SegmentFlight flight(int from, int fromPort, int to, int toPort) {
        String key = key(from, fromPort, to, toPort);
        SegmentFlight node = flights.get(probe.set("c", 0, addresses[from], 40000 + fromPort, addresses[to],
                40000 + toPort));
        SegmentFlight expected = model.get(key);
        assertThat(node).isSameAs(expected);
        if (node != null) {
            return node;
        }
        SegmentFlight flight = new SegmentFlight(key, null, fromPort, null, toPort);
        model.put(key, flight);
        return flights.add(probe, flight);
    }

    /**
     * The flight of the direction opposite to {@code node}'s, which has no reverse: added without a lookup when
     * RecentFlights says it is not followed (the map must agree), else looked up as any.
     */
    private SegmentFlight opposite(SegmentFlight node, int from, int fromPort, int to, int toPort) {
        // the detector turns its probe around rather than setting it again: the same key
        TunnelMtuBlackholeDetector.FlightKey expected = new TunnelMtuBlackholeDetector.FlightKey().set("c", 0,
                addresses[from], 40000 + fromPort, addresses[to], 40000 + toPort);
        probe.set("c", 0, addresses[to], 40000 + toPort, addresses[from], 40000 + fromPort).reverse();
        assertThat(probe).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThat(new long[] {probe.first(), probe.second(), probe.reverseFirst(), probe.reverseSecond()})
                .containsExactly(expected.first(), expected.second(), expected.reverseFirst(), expected.reverseSecond());
        if (!flights.oppositeUnfollowed(node, probe)) {
            return flight(from, fromPort, to, toPort);
        }
        String key = key(from, fromPort, to, toPort);
        assertThat(model).doesNotContainKey(key);
        SegmentFlight flight = new SegmentFlight(key, null, fromPort, null, toPort);
        model.put(key, flight);
        return flights.addOpposite(node, probe, flight);
    }

    private static String key(int from, int fromPort, int to, int toPort) {
        return from + ":" + fromPort + ">" + to + ":" + toPort;
    }
}

package dev.faultlab.detect.detectors;

import dev.faultlab.capture.read.MacAddress;
import dev.faultlab.capture.read.Packet;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bookkeeping behind vxlan-stale-neighbor's addressing views: a receiver whose MAC moved (used one after the
 * other) is told from one that uses several at once, the last frames of a use are remembered in order, and a
 * pair that carried a broadcast or multicast frame marks both ends as on an L2 segment; random traffic is counted
 * as plain maps keyed by (capture, from, to[, destination MAC]) count it.
 */
class MacAddressingTest {
    private static final String CAPTURE = "c.pcap";
    private static final MacAddress OLD = MacAddress.parse("0e:5a:01:00:00:01");
    private static final MacAddress NEW = MacAddress.parse("0e:5a:01:00:00:99");
    private static final MacAddress PEER = MacAddress.parse("0e:5a:03:00:00:03");
    private static final long SECOND = 1_000_000_000L;

    private final MacAddressing view = new MacAddressing();
    private long frame;

    private void frame(InetAddress from, InetAddress to, MacAddress source, MacAddress destination, long nanos) {
        send(view, from, to, source, destination, ++frame, nanos);
    }

    /** One frame; only its number and time matter to the bookkeeping (the rest is read only for evidence). */
    private static void send(MacAddressing into, InetAddress from, InetAddress to, MacAddress source,
                             MacAddress destination, long number, long nanos) {
        Packet packet = new Packet(number, nanos, 0, 0, null, null, null, null, null, null, null, null, false);
        into.frame(CAPTURE, from, to, source, destination, packet, p -> "");
    }

    /** One frame a second from {@code from} to {@code to} (to the peer's MAC), from each source MAC in turn. */
    private void sendsFrom(InetAddress from, InetAddress to, MacAddress... sources) {
        for (MacAddress source : sources) {
            frame(from, to, source, PEER, (frame + 1) * SECOND);
        }
    }

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    @Test
    void macsUsedOneAfterTheOtherAreAMoveToTheLaterOne() throws Exception {
        InetAddress node = ip("fd90:7:0:1::11");
        sendsFrom(node, ip("fd90:7:0:1::13"), OLD, OLD, NEW, NEW);

        MacAddressing.Move move = view.sender(CAPTURE, node).moved();

        assertThat(move).isEqualTo(new MacAddressing.Move(OLD, NEW, 3 * SECOND));
        assertThat(view.sentFromAfter(CAPTURE, OLD, 3 * SECOND)).isFalse();
        assertThat(view.sentFromAfter(CAPTURE, NEW, 3 * SECOND)).isTrue();
    }

    @Test
    void interleavedMacsAreNoMove() throws Exception {
        InetAddress node = ip("10.0.0.11");
        sendsFrom(node, ip("10.0.0.13"), OLD, NEW, OLD);

        assertThat(view.sender(CAPTURE, node).moved()).isNull();
    }

    @Test
    void theOldestOfTheLastThreeFramesOfAUseIsKept() throws Exception {
        InetAddress node = ip("10.0.0.11");
        InetAddress peer = ip("10.0.0.13");
        frame(peer, node, PEER, OLD, 1 * SECOND);
        frame(peer, node, PEER, OLD, 2 * SECOND);
        MacAddressing.Seen seen = view.uses().values().iterator().next();
        assertThat(seen.oldestRecent().epochNanos()).isEqualTo(1 * SECOND);

        MacAddressing fresh = new MacAddressing();
        for (int i = 1; i <= 5; i++) {
            send(fresh, peer, node, PEER, OLD, i, i * SECOND);
        }
        MacAddressing.Seen five = fresh.uses().values().iterator().next();
        assertThat(five.oldestRecent().frame()).isEqualTo(5 - MacAddressing.RECENT + 1);
        assertThat(five.count).isEqualTo(5);
    }

    @Test
    void aGroupFrameMarksBothEndsAsOnAnL2Segment() throws Exception {
        InetAddress node = ip("10.0.0.11");
        InetAddress peer = ip("10.0.0.13");
        InetAddress other = ip("10.0.0.12");
        frame(node, other, OLD, PEER, 1 * SECOND);
        assertThat(view.onL2Segment(CAPTURE, node)).isFalse();

        MacAddressing flooded = new MacAddressing();
        send(flooded, peer, node, PEER, MacAddress.parse("ff:ff:ff:ff:ff:ff"), 1, SECOND);
        assertThat(flooded.onL2Segment(CAPTURE, node)).isTrue();
        assertThat(flooded.onL2Segment(CAPTURE, peer)).isTrue();
        assertThat(flooded.onL2Segment(CAPTURE, other)).isFalse();
    }

    /** What the plain maps count for one (capture, from, to, destination MAC): frames, last frame, first frame. */
    private static final class Counted {
        final List<long[]> frames = new ArrayList<>();
    }

    private record Use(String capture, InetAddress from, InetAddress to, MacAddress destination) {
    }

    private record Pair(String capture, InetAddress from, InetAddress to) {
    }

    /**
     * Random frames among a few IPv4 and IPv6 addresses of two captures, from and to a few MACs each (past the
     * four kept per pair, group MACs among them): each use's count, first, last and oldest recent frame, each
     * sender's MACs, spans and counts, and the L2 marks are those of plain maps over the same frames. The pairs
     * outnumber the lookup table's first size, so it grows while pairs are found in it.
     */
    @Test
    void randomFramesAreCountedAsPlainMapsCountThem() throws Exception {
        Random random = new Random(7);
        List<InetAddress> addresses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            addresses.add(ip("10.244." + i + ".2"));
            if (i < 4) {
                addresses.add(ip("fd90::" + (i + 1)));
            }
        }
        List<MacAddress> macs = List.of(OLD, NEW, PEER, MacAddress.parse("0e:5a:04:00:00:04"),
                MacAddress.parse("0e:5a:05:00:00:05"), MacAddress.parse("0e:5a:06:00:00:06"),
                MacAddress.parse("ff:ff:ff:ff:ff:ff"), MacAddress.parse("33:33:00:00:00:01"));
        Map<Use, Counted> uses = new LinkedHashMap<>();
        Map<Pair, List<MacAddress>> sources = new HashMap<>();
        Map<Pair, List<MacAddress>> destinations = new HashMap<>();
        Map<Pair, long[]> spans = new HashMap<>(); // per (capture, from, source MAC as a fake address): first, last
        Map<Pair, long[]> sent = new HashMap<>(); // per (capture, from): count, last
        Set<Pair> l2 = new LinkedHashSet<>();
        for (int n = 1; n <= 40_000; n++) {
            String capture = random.nextInt(5) == 0 ? "b.pcap" : CAPTURE;
            InetAddress from = addresses.get(random.nextInt(addresses.size()));
            InetAddress to = addresses.get(random.nextInt(addresses.size()));
            // a pair keeps to one or two MACs mostly, as real pairs do
            MacAddress source = macs.get(random.nextInt(8) == 0 ? random.nextInt(6) : (from.hashCode() & 1));
            MacAddress destination = macs.get(random.nextInt(8) == 0 ? random.nextInt(macs.size()) : 2);
            long nanos = n * 1_000L;
            Packet packet = new Packet(n, nanos, 0, 0, null, null, null, null, null, null, null, null, false);
            view.frame(capture, from, to, source, destination, packet, p -> "");

            Pair pair = new Pair(capture, from, to);
            Pair fromKey = new Pair(capture, from, null);
            long[] s = sent.computeIfAbsent(fromKey, k -> new long[2]);
            s[0]++;
            s[1] = nanos;
            List<MacAddress> pairSources = sources.computeIfAbsent(pair, k -> new ArrayList<>());
            if (!pairSources.contains(source) && pairSources.size() < 4) {
                pairSources.add(source);
            }
            if (pairSources.contains(source)) {
                long[] span = spans.computeIfAbsent(new Pair(capture, from, ip("0.0.0." + macs.indexOf(source))),
                        k -> new long[] {nanos, nanos});
                span[1] = nanos;
            }
            if (destination.isGroup()) {
                l2.add(new Pair(capture, from, null));
                l2.add(new Pair(capture, to, null));
                continue;
            }
            List<MacAddress> pairDestinations = destinations.computeIfAbsent(pair, k -> new ArrayList<>());
            if (!pairDestinations.contains(destination) && pairDestinations.size() < 4) {
                pairDestinations.add(destination);
            }
            if (pairDestinations.contains(destination)) {
                uses.computeIfAbsent(new Use(capture, from, to, destination), k -> new Counted()).frames
                        .add(new long[] {n, nanos});
            }
        }

        Map<MacAddressing.Use, MacAddressing.Seen> counted = view.uses();
        assertThat(counted).hasSize(uses.size());
        uses.forEach((use, expected) -> {
            MacAddressing.Seen seen = counted.get(new MacAddressing.Use(use.capture(), use.from(), use.to(),
                    use.destination()));
            assertThat(seen).isNotNull();
            List<long[]> frames = expected.frames;
            long[] last = frames.get(frames.size() - 1);
            long[] oldestRecent = frames.get(Math.max(0, frames.size() - MacAddressing.RECENT));
            assertThat(seen.destination).isEqualTo(use.destination());
            assertThat(seen.count).isEqualTo(frames.size());
            assertThat(seen.lastNanos).isEqualTo(last[1]);
            assertThat(seen.firstFrame.frame()).isEqualTo(frames.get(0)[0]);
            assertThat(seen.oldestRecent().frame()).isEqualTo(oldestRecent[0]);
            assertThat(seen.oldestRecent().epochNanos()).isEqualTo(oldestRecent[1]);
        });
        for (String capture : List.of(CAPTURE, "b.pcap")) {
            for (InetAddress address : addresses) {
                MacAddressing.Sender sender = view.sender(capture, address);
                long[] s = sent.get(new Pair(capture, address, null));
                assertThat(sender == null).isEqualTo(s == null);
                assertThat(view.onL2Segment(capture, address)).isEqualTo(l2.contains(new Pair(capture, address,
                        null)));
                if (sender == null) {
                    continue;
                }
                assertThat(sender.count).isEqualTo(s[0]);
                assertThat(sender.lastNanos).isEqualTo(s[1]);
                Set<MacAddress> expectedMacs = new LinkedHashSet<>();
                sources.forEach((pair, list) -> {
                    if (pair.capture().equals(capture) && pair.from().equals(address)) {
                        expectedMacs.addAll(list);
                    }
                });
                assertThat(sender.macs).containsExactlyInAnyOrderElementsOf(expectedMacs);
                for (MacAddress mac : expectedMacs) {
                    long[] span = spans.get(new Pair(capture, address, ip("0.0.0." + macs.indexOf(mac))));
                    assertThat(sender.spans.get(mac)).containsExactly(span[0], span[1]);
                }
            }
        }
    }
}

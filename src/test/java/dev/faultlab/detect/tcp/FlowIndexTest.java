package dev.faultlab.detect.tcp;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tracker's primitive 4-tuple index, its slots and its closed-connection memory behave as the HashMap and the
 * capped, insertion-ordered LinkedHashMap they replaced, for IPv4 and IPv6 keys, in both directions, through growth
 * and deletions.
 */
class FlowIndexTest {
    private static final int CAP = 50;

    @Test
    void anIpv4KeyIsItsAddressesAndPortsInEitherDirection() throws UnknownHostException {
        InetAddress a = InetAddress.getByName("10.244.1.2");
        InetAddress b = InetAddress.getByName("10.244.9.3");
        FlowKey forward = new FlowKey().set(a, 40000, b, 8080);
        FlowKey backward = new FlowKey().set(InetAddress.getByAddress(new byte[]{10, (byte) 244, 9, 3}), 8080,
                InetAddress.getByAddress(new byte[]{10, (byte) 244, 1, 2}), 40000);
        assertThat(forward.ipv4).isTrue();
        assertThat(backward).isEqualTo(forward);
        assertThat(backward.low).isEqualTo(forward.low);
        assertThat(forward.low).isEqualTo((0x0af40102L << 16) | 40000); // the address read from hashCode()
        assertThat(new FlowKey().set(a, 40001, b, 8080)).isNotEqualTo(forward);
        assertThat(new FlowKey().set(a, 8080, b, 40000)).isNotEqualTo(forward);
    }

    @Test
    void findsAddsAndRemovesAsAHashMapDid() throws UnknownHostException {
        Random random = new Random(7);
        FlowIndex index = new FlowIndex();
        Map<FlowKey, Integer> reference = new HashMap<>();
        List<FlowKey> known = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            FlowKey probe = randomKey(random, known);
            Integer expected = reference.get(probe);
            assertThat(index.get(probe)).isEqualTo(expected == null ? -1 : expected);
            if (expected == null && random.nextInt(3) > 0) {
                FlowKey stored = probe.copy();
                index.add(stored, i);
                reference.put(stored, i);
                known.add(stored);
            } else if (expected != null) {
                assertThat(index.remove(probe)).isEqualTo(expected);
                reference.remove(probe);
                assertThat(index.get(probe)).isEqualTo(-1);
            }
            assertThat(index.size()).isEqualTo(reference.size());
        }
        for (Map.Entry<FlowKey, Integer> e : reference.entrySet()) {
            assertThat(index.get(e.getKey())).isEqualTo(e.getValue());
        }
    }

    /** A pass removing many keys at once leaves what a HashMap's removeIf leaves, through runs and wrap-around. */
    @Test
    void removeMarkedLeavesWhatAHashMapsRemoveIfLeaves() {
        Random random = new Random(3);
        LongPairIndex index = new LongPairIndex();
        Map<List<Long>, Integer> reference = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            long a = random.nextInt(2048);
            long b = random.nextInt(4);
            List<Long> key = List.of(a, b);
            if (reference.containsKey(key)) {
                assertThat(index.remove(a, b)).isEqualTo(reference.remove(key));
            } else {
                index.add(a, b, i);
                reference.put(key, i);
            }
            if (i % 5_000 == 4_999) {
                int modulus = 2 + random.nextInt(5);
                int expected = (int) reference.values().stream().filter(v -> v % modulus == 0).count();
                boolean[] marked = new boolean[200_000];
                for (int v = 0; v < marked.length; v++) {
                    marked[v] = v % modulus == 0;
                }
                assertThat(index.removeMarked(marked)).isEqualTo(expected);
                reference.values().removeIf(v -> v % modulus == 0);
                assertThat(index.size()).isEqualTo(reference.size());
                for (long x = 0; x < 2048; x++) {
                    for (long y = 0; y < 4; y++) {
                        Integer value = reference.get(List.of(x, y));
                        assertThat(index.get(x, y)).isEqualTo(value == null ? -1 : value);
                    }
                }
            }
        }
    }

    /**
     * The index answers as a HashMap through growth, removals (runs shifted back), marked removals and clears, for
     * keys present and absent, including absent keys whose hash tag (7 bits) matches a present key's: a probe that
     * trusted the tag bytes alone, or tags left behind by a shift, a growth or a clear, would answer wrongly.
     */
    @Test
    void taggedProbesAnswerAsAHashMapThroughGrowthRemovalsAndClears() {
        Random random = new Random(5);
        LongPairIndex index = new LongPairIndex();
        Map<List<Long>, Integer> reference = new HashMap<>();
        for (int i = 0; i < 300_000; i++) {
            long a = random.nextInt(1 << 15);
            long b = random.nextInt(2);
            List<Long> key = List.of(a, b);
            Integer expected = reference.get(key);
            assertThat(index.get(a, b)).isEqualTo(expected == null ? -1 : expected);
            int op = random.nextInt(100);
            if (expected == null && op < 70) {
                index.add(a, b, i);
                reference.put(key, i);
            } else if (expected != null && op < 90) {
                assertThat(index.remove(a, b)).isEqualTo(expected);
                reference.remove(key);
            }
            if (i % 50_000 == 49_999) {
                index.clear();
                reference.clear();
            } else if (i % 7_000 == 6_999) {
                boolean[] marked = new boolean[300_000];
                for (int v = 0; v < marked.length; v += 3) {
                    marked[v] = true;
                }
                assertThat(index.removeMarked(marked)).isEqualTo(
                        (int) reference.values().stream().filter(v -> v % 3 == 0).count());
                reference.values().removeIf(v -> v % 3 == 0);
            }
            assertThat(index.size()).isEqualTo(reference.size());
        }
        for (long a = 0; a < 1 << 15; a++) {
            for (long b = 0; b < 2; b++) {
                Integer value = reference.get(List.of(a, b));
                assertThat(index.get(a, b)).isEqualTo(value == null ? -1 : value);
            }
        }
    }

    @Test
    void aLongPairMapReusesTheSlotsOfRemovedEntries() {
        Random random = new Random(5);
        LongPairMap<String> map = new LongPairMap<>();
        Map<List<Long>, String> reference = new HashMap<>();
        for (int i = 0; i < 100_000; i++) {
            long a = random.nextInt(64);
            long b = random.nextBoolean() ? random.nextInt(64) : Long.MIN_VALUE + random.nextInt(4);
            List<Long> key = List.of(a, b);
            assertThat(map.get(a, b)).isEqualTo(reference.get(key));
            if (reference.containsKey(key)) {
                assertThat(map.remove(a, b)).isTrue();
                reference.remove(key);
            } else if (random.nextBoolean()) {
                map.add(a, b, "v" + i);
                reference.put(key, "v" + i);
            } else {
                assertThat(map.remove(a, b)).isFalse();
            }
            assertThat(map.size()).isEqualTo(reference.size());
            if (i % 20_000 == 19_999) {
                map.clear();
                reference.clear();
            }
        }
    }

    /**
     * The 4-tuples' slots with the closed-connection memory kept at them, driven as the tracker drives them (a live
     * 4-tuple's conversation finishes and is remembered at its slot; a new conversation takes a remembered 4-tuple's
     * slot and its previous connection, or a new slot; the memory expires and caps), answer as the HashMap of live
     * 4-tuples and the capped, insertion-ordered LinkedHashMap of closed ones they replace.
     */
    @Test
    void slotsAndClosedConnectionsAnswerAsAHashMapAndACappedLinkedHashMap() throws UnknownHostException {
        Random random = new Random(11);
        FlowSlots slots = new FlowSlots();
        ClosedConnections closed = new ClosedConnections(CAP, slots);
        Map<FlowKey, Integer> live = new HashMap<>();
        Map<FlowKey, FlowKey> stored = new HashMap<>();
        LinkedHashMap<FlowKey, PreviousConnection> reference = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<FlowKey, PreviousConnection> eldest) {
                return size() > CAP;
            }
        };
        List<FlowKey> known = new ArrayList<>();
        long now = 0;
        int reused = 0;
        int longLived = 0;
        for (int i = 0; i < 200_000; i++) {
            if (i % 1000 == 0) {
                // conversations that stay live, now and then: slots are numbered beyond the first arrays' sizes, and
                // live ones above the forgotten ones
                for (int n = 0; n < 100; n++, longLived++) {
                    FlowKey key = new FlowKey().set(InetAddress.getByName("10.1.0.1"), 1000 + longLived,
                            InetAddress.getByName("10.1.0.2"), 80);
                    live.put(key, slots.add(key, slots.indexed(key), null));
                }
            }
            now += random.nextInt(1000);
            // often a recent 4-tuple (a port reused soon after), so closed ones are taken by new conversations
            FlowKey probe = random.nextBoolean() && !known.isEmpty()
                    ? known.get(known.size() - 1 - random.nextInt(Math.min(known.size(), 100))).reversed()
                    : randomKey(random, known);
            int op = random.nextInt(10);
            Integer liveSlot = live.get(probe);
            if (op < 9 && liveSlot != null) {
                // its conversation finishes: remembered at its slot
                assertThat(slotOf(slots, probe)).isEqualTo(liveSlot);
                FlowKey key = stored.remove(probe);
                live.remove(probe);
                Endpoint client = new Endpoint(InetAddress.getByAddress(new byte[]{10, 0, 0, (byte) i}), i & 0xffff);
                PreviousConnection previous = new PreviousConnection(random.nextInt(5) == 0 ? null
                        : new FrameRef(i, now - random.nextInt(5000)), random.nextBoolean(), random.nextBoolean(),
                        random.nextInt(3) - 1L, client);
                slots.set(liveSlot, null);
                FrameRef at = previous.closedAt();
                closed.put(liveSlot, key.ipv4 ? null : key, at != null, at == null ? 0 : at.frame(), at == null ? 0 : at.epochNanos(),
                        previous.closedByReset(), previous.finished(), previous.clientTsVal(),
                        previous.clientEndpoint());
                reference.put(key, previous);
            } else if (op < 9) {
                // a new conversation: takes the 4-tuple's remembered slot, or a new one
                // as the tracker asks: what the index holds, a forgotten 4-tuple's slot passed on to add
                int indexed = slots.indexed(probe);
                int slot = slotOf(slots, probe);
                PreviousConnection expected = reference.remove(probe);
                assertThat(slot >= 0).isEqualTo(expected != null);
                FlowKey key = probe.copy();
                if (slot >= 0) {
                    assertThat(closed.take(slot)).isEqualTo(expected);
                    reused++;
                } else {
                    slot = slots.add(key, indexed, null);
                    known.add(key);
                }
                live.put(key, slot);
                stored.put(key, key);
            } else {
                long maxAge = 20_000 + random.nextInt(20_000);
                closed.expire(now, maxAge);
                Iterator<PreviousConnection> oldest = reference.values().iterator();
                while (oldest.hasNext()) {
                    FrameRef at = oldest.next().closedAt();
                    if (now - (at == null ? 0 : at.epochNanos()) <= maxAge) {
                        break;
                    }
                    oldest.remove();
                }
            }
            assertThat(closed.size()).isEqualTo(reference.size());
            assertThat(slots.size()).isEqualTo(live.size() + reference.size());
        }
        assertThat(reused).isGreaterThan(1000);
        for (FlowKey key : List.copyOf(reference.keySet())) {
            int slot = slotOf(slots, key);
            assertThat(slot).isNotNegative();
            assertThat(closed.take(slot)).isEqualTo(reference.remove(key));
        }
        assertThat(closed.size()).isZero();
    }

    /** A key seen before (either direction) or a new one; few ports and addresses, so keys repeat and collide. */
    /** The slot of a live or remembered 4-tuple, or -1 (a forgotten one, not yet purged, is neither). */
    private static int slotOf(FlowSlots slots, FlowKey key) {
        int indexed = slots.indexed(key);
        return indexed >= 0 && slots.forgotten(indexed) ? -1 : indexed;
    }

    private static FlowKey randomKey(Random random, List<FlowKey> known) throws UnknownHostException {
        if (!known.isEmpty() && random.nextInt(3) == 0) {
            FlowKey k = known.get(random.nextInt(known.size()));
            return random.nextBoolean() ? k.copy() : k.reversed();
        }
        boolean v6 = random.nextInt(4) == 0;
        return new FlowKey().set(address(random, v6), 1 + random.nextInt(40), address(random, v6),
                1 + random.nextInt(40));
    }

    private static InetAddress address(Random random, boolean v6) throws UnknownHostException {
        byte[] bytes = new byte[v6 ? 16 : 4];
        bytes[0] = (byte) (v6 ? 0xfd : 10);
        bytes[bytes.length - 1] = (byte) random.nextInt(30);
        return InetAddress.getByAddress(bytes);
    }
}

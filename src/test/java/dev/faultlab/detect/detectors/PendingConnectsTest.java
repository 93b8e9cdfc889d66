package dev.faultlab.detect.detectors;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pending connects behave as the size-bounded, insertion-ordered map keyed by (capture, client, expected ack)
 * they replaced: the same attempt for a repeated SYN, the eldest dropped past the bound, the rest drained oldest
 * first; IPv4 and IPv6 clients and two captures mixed.
 */
class PendingConnectsTest {
    private record Key(String capture, InetAddress client, int port, long expectedAck) {
    }

    @Test
    void keepsDropsAndDrainsAsTheMapDid() throws UnknownHostException {
        Random random = new Random(3);
        checkAgainstTheMap(40, 20_000, random, () -> new Key(random.nextBoolean() ? "a" : "b", address(random, 6),
                1 + random.nextInt(5), random.nextInt(8) + (random.nextBoolean() ? 0xffffffffL - 3 : 0) & 0xffffffffL));
    }

    /**
     * Many more keys than kept, most of them seen once (a busy capture's connects): the table grows, its places of
     * dropped connects are taken over and left out by rebuilds, and a key dropped long ago is not found again.
     */
    @Test
    void aBusyCaptureKeepsTheLastConnectsAsTheMapDid() throws UnknownHostException {
        Random random = new Random(11);
        checkAgainstTheMap(700, 60_000, random, () -> new Key(random.nextInt(8) == 0 ? "b" : "a",
                address(random, 250), 1024 + random.nextInt(40), random.nextInt(30) & 0xffffffffL));
    }

    private interface Keys {
        Key next() throws UnknownHostException;
    }

    /** Random SYNs and SYN-ACK lookups against the map, twice: the second time after a drain, on the same object. */
    private static void checkAgainstTheMap(int kept, int steps, Random random, Keys keys)
            throws UnknownHostException {
        List<Key> dropped = new ArrayList<>();
        PendingConnects pending = new PendingConnects(kept, a -> dropped.add(key(a)));
        for (int round = 0; round < 2; round++) {
            dropped.clear();
            List<Key> referenceDropped = new ArrayList<>();
            Map<Key, Integer> reference = new LinkedHashMap<>();
            for (int i = 0; i < steps; i++) {
                Key k = keys.next();
                if (random.nextBoolean()) {
                    // the attempt's port records which SYN made it: the first one with this key
                    PendingConnects.Attempt a = pending.sent(k.capture(), k.client(), k.port(), k.expectedAck(), i, i,
                            i, null);
                    Integer made = reference.get(k);
                    assertThat(a.port).isEqualTo(made == null ? i : made);
                    if (made == null) {
                        reference.put(k, i);
                        if (reference.size() > kept) {
                            Iterator<Key> eldest = reference.keySet().iterator();
                            referenceDropped.add(eldest.next());
                            eldest.remove();
                        }
                    }
                } else {
                    PendingConnects.Attempt a = pending.get(k.capture(), k.client(), k.port(), k.expectedAck());
                    assertThat(a == null ? null : a.port).isEqualTo(reference.get(k));
                }
                // the newest drop at every step, all of them in order at the end
                assertThat(dropped.size()).isEqualTo(referenceDropped.size());
                if (!dropped.isEmpty()) {
                    assertThat(dropped.get(dropped.size() - 1)).isEqualTo(referenceDropped.get(dropped.size() - 1));
                }
            }
            assertThat(dropped).isEqualTo(referenceDropped);
            List<Key> drained = new ArrayList<>();
            pending.drain(a -> drained.add(key(a)));
            assertThat(drained).containsExactlyElementsOf(reference.keySet());
        }
    }

    private static Key key(PendingConnects.Attempt a) {
        return new Key(a.capture, a.client, a.clientPort, a.expectedAck);
    }

    /** One of {@code count} IPv4 addresses, or (one in four) of as many IPv6 ones. */
    private static InetAddress address(Random random, int count) throws UnknownHostException {
        byte[] bytes = new byte[random.nextInt(4) == 0 ? 16 : 4];
        bytes[0] = 10;
        bytes[bytes.length - 1] = (byte) random.nextInt(count);
        return InetAddress.getByAddress(bytes);
    }
}

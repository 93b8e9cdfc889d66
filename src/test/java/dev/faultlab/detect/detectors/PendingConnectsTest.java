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
    private static final int KEPT = 40;

    private record Key(String capture, InetAddress client, int port, long expectedAck) {
    }

    @Test
    void keepsDropsAndDrainsAsTheMapDid() throws UnknownHostException {
        Random random = new Random(3);
        List<Key> dropped = new ArrayList<>();
        PendingConnects pending = new PendingConnects(KEPT, a -> dropped.add(key(a)));
        List<Key> referenceDropped = new ArrayList<>();
        Map<Key, Integer> reference = new LinkedHashMap<>();
        for (int i = 0; i < 20_000; i++) {
            Key k = new Key(random.nextBoolean() ? "a" : "b", address(random), 1 + random.nextInt(5),
                    random.nextInt(8) + (random.nextBoolean() ? 0xffffffffL - 3 : 0) & 0xffffffffL); // 32 bits
            if (random.nextBoolean()) {
                // the attempt's port records which SYN made it: the first one with this key
                PendingConnects.Attempt a = pending.sent(k.capture(), k.client(), k.port(), k.expectedAck(), i, i, i,
                        null);
                Integer made = reference.get(k);
                assertThat(a.port).isEqualTo(made == null ? i : made);
                if (made == null) {
                    reference.put(k, i);
                    if (reference.size() > KEPT) {
                        Iterator<Key> eldest = reference.keySet().iterator();
                        referenceDropped.add(eldest.next());
                        eldest.remove();
                    }
                }
            } else {
                PendingConnects.Attempt a = pending.get(k.capture(), k.client(), k.port(), k.expectedAck());
                assertThat(a == null ? null : a.port).isEqualTo(reference.get(k));
            }
            assertThat(dropped).isEqualTo(referenceDropped);
        }
        List<Key> drained = new ArrayList<>();
        pending.drain(a -> drained.add(key(a)));
        assertThat(drained).containsExactlyElementsOf(reference.keySet());
    }

    private static Key key(PendingConnects.Attempt a) {
        return new Key(a.capture, a.client, a.clientPort, a.expectedAck);
    }

    private static InetAddress address(Random random) throws UnknownHostException {
        byte[] bytes = new byte[random.nextInt(4) == 0 ? 16 : 4];
        bytes[0] = 10;
        bytes[bytes.length - 1] = (byte) random.nextInt(6);
        return InetAddress.getByAddress(bytes);
    }
}

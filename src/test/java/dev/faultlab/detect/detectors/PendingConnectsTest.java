package dev.faultlab.detect.detectors;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pending connects behave as the size-bounded, insertion-ordered map keyed by (capture, client, expected ack)
 * they replaced: the same attempt for a repeated SYN, the eldest dropped past the bound, the rest drained oldest
 * first, each with what it was told (and nothing of the connect whose object it took over); IPv4 and IPv6 clients
 * and two captures mixed.
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

    /**
     * What a connect was told, as a fresh attempt object of its own kept it: the destinations of its SYNs and the
     * senders of its SYN-ACKs. A connect's object is reused for the one that drops it, so nothing of a former connect
     * may show in a later one's answers.
     */
    private static final class Told {
        final int port;
        final List<InetAddress> destinations = new ArrayList<>();
        final List<InetAddress> answerers = new ArrayList<>();

        Told(int port) {
            this.port = port;
        }

        /** The attempt's answers, as the test compares them. */
        String expected() {
            InetAddress first = answerers.isEmpty() ? null : answerers.get(0);
            long fromFirst = answerers.stream().filter(a -> a.equals(first)).count();
            // the first destination that never answered, in the order of the set the attempt kept (a HashSet
            // filled the same way) once there were two
            Set<InetAddress> distinct = new LinkedHashSet<>(destinations);
            Iterable<InetAddress> order = distinct.size() < 2 ? distinct : hashSetOf(destinations);
            InetAddress silent = null;
            for (InetAddress d : order) {
                if (!answerers.contains(d)) {
                    silent = d;
                    break;
                }
            }
            return describe(port, first, fromFirst, silent);
        }

        private static Set<InetAddress> hashSetOf(List<InetAddress> destinations) {
            Set<InetAddress> set = new HashSet<>(2);
            destinations.forEach(set::add);
            return set;
        }
    }

    private static String describe(int port, InetAddress answerFrom, long synAcks, InetAddress silent) {
        return port + " answered by " + answerFrom + " x" + synAcks + ", silent " + silent;
    }

    private static String answers(PendingConnects.Attempt a) {
        return describe(a.port, a.answered() ? a.answerFrom().address() : null, a.answerSynAcks(),
                a.silentDestination());
    }

    /**
     * Random SYNs and SYN-ACK lookups against the map, twice: the second time after a drain, on the same object. The
     * attempts are told of their SYNs' destinations and of SYN-ACKs from a few senders, and each one dropped or
     * drained answers as a fresh object told the same would.
     */
    private static void checkAgainstTheMap(int kept, int steps, Random random, Keys keys)
            throws UnknownHostException {
        List<Key> dropped = new ArrayList<>();
        List<String> droppedAnswers = new ArrayList<>();
        PendingConnects pending = new PendingConnects(kept, a -> {
            dropped.add(key(a));
            droppedAnswers.add(answers(a));
        });
        for (int round = 0; round < 2; round++) {
            dropped.clear();
            droppedAnswers.clear();
            List<Key> referenceDropped = new ArrayList<>();
            List<String> referenceAnswers = new ArrayList<>();
            Map<Key, Told> reference = new LinkedHashMap<>();
            for (int i = 0; i < steps; i++) {
                Key k = keys.next();
                InetAddress peer = address(random, 3);
                if (random.nextBoolean()) {
                    // the attempt's port records which SYN made it: the first one with this key
                    PendingConnects.Attempt a = pending.sent(k.capture(), k.client(), k.port(), k.expectedAck(), i, i,
                            i, null);
                    Told made = reference.get(k);
                    assertThat(a.port).isEqualTo(made == null ? i : made.port);
                    if (made == null) {
                        made = new Told(i);
                        reference.put(k, made);
                        if (reference.size() > kept) {
                            Iterator<Map.Entry<Key, Told>> eldest = reference.entrySet().iterator();
                            Map.Entry<Key, Told> gone = eldest.next();
                            referenceDropped.add(gone.getKey());
                            referenceAnswers.add(gone.getValue().expected());
                            eldest.remove();
                        }
                    }
                    if (random.nextInt(4) != 0) {
                        a.sentTo(peer);
                        made.destinations.add(peer);
                    }
                } else {
                    PendingConnects.Attempt a = pending.get(k.capture(), k.client(), k.port(), k.expectedAck());
                    Told told = reference.get(k);
                    assertThat(a == null ? null : a.port).isEqualTo(told == null ? null : told.port);
                    if (a != null && random.nextInt(3) != 0) {
                        a.answered(peer, 80, i, i, null);
                        told.answerers.add(peer);
                    }
                }
                // the newest drop at every step, all of them in order at the end
                assertThat(dropped.size()).isEqualTo(referenceDropped.size());
                if (!dropped.isEmpty()) {
                    assertThat(dropped.get(dropped.size() - 1)).isEqualTo(referenceDropped.get(dropped.size() - 1));
                }
            }
            assertThat(dropped).isEqualTo(referenceDropped);
            assertThat(droppedAnswers).isEqualTo(referenceAnswers);
            List<Key> drained = new ArrayList<>();
            List<String> drainedAnswers = new ArrayList<>();
            pending.drain(a -> {
                drained.add(key(a));
                drainedAnswers.add(answers(a));
            });
            assertThat(drained).containsExactlyElementsOf(reference.keySet());
            assertThat(drainedAnswers).containsExactlyElementsOf(reference.values().stream().map(Told::expected)
                    .toList());
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

package dev.faultlab.detect.detectors;

import dev.faultlab.detect.tcp.ConversationSummary;
import dev.faultlab.detect.tcp.Endpoint;
import dev.faultlab.detect.tcp.FrameRef;
import dev.faultlab.detect.tcp.Handshake;
import dev.faultlab.detect.tcp.SynAttempt;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ConnectAttempts keeps the first 64 sources' attempts (256 each), whatever the hash codes of the sources it
 * passes over once full: random attempts among hundreds of address pairs (many sharing hash bits) against the
 * rule counted in a map.
 */
class ConnectAttemptsTest {
    @Test
    void keepsTheFirstSourcesAttemptsAsTheRuleSays() throws UnknownHostException {
        for (int seed = 0; seed < 20; seed++) {
            Random random = new Random(seed);
            ConnectAttempts attempts = new ConnectAttempts();
            Map<ConnectAttempts.Peers, Integer> expected = new HashMap<>();
            int hosts = 4 + random.nextInt(40);
            for (int i = 0; i < 20_000; i++) {
                InetAddress client = address(random.nextInt(hosts));
                InetAddress server = address(random.nextInt(hosts));
                boolean answered = random.nextBoolean();
                int synCount = 1 + random.nextInt(3);
                long tsVal = random.nextInt(4) == 0 ? -1 : random.nextInt(1000);
                ConversationSummary c = summary(client, server, answered, synCount, tsVal, i);
                attempts.add(c);
                boolean relevant = tsVal >= 0 && (answered || synCount >= 2);
                ConnectAttempts.Peers peers = new ConnectAttempts.Peers(client, server);
                if (relevant && (expected.containsKey(peers) || expected.size() < 64)) {
                    expected.merge(peers, 1, (a, b) -> Math.min(256, a + b));
                }
            }
            for (int a = 0; a < hosts; a++) {
                for (int b = 0; b < hosts; b++) {
                    ConnectAttempts.Peers peers = new ConnectAttempts.Peers(address(a), address(b));
                    assertThat(attempts.attemptsFrom(peers)).isEqualTo(expected.getOrDefault(peers, 0));
                }
            }
        }
    }

    /** Addresses 64 apart share the low bits of their hash codes. */
    private static InetAddress address(int i) throws UnknownHostException {
        int n = i * 64 + (i % 3);
        return InetAddress.getByAddress(new byte[] {10, (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
    }

    private static ConversationSummary summary(InetAddress client, InetAddress server, boolean answered,
                                               int synCount, long tsVal, int i) {
        FrameRef first = new FrameRef(i, i * 1000L);
        return new ConversationSummary("t", new Endpoint(client, 40000 + i % 1000), new Endpoint(server, 80),
                answered ? Handshake.ESTABLISHED : Handshake.SYN_UNANSWERED, List.of(new SynAttempt(first, i, tsVal)),
                synCount, answered ? first : null, answered ? 1 : 0, null, -1, -1, null, -1, null, first, first, 3,
                tsVal, false, List.of(), false, null);
    }
}

package dev.faultlab.detect;

import dev.faultlab.detect.tcp.ConversationSummary;
import dev.faultlab.detect.tcp.Endpoint;
import dev.faultlab.detect.tcp.FrameRef;
import dev.faultlab.detect.tcp.Handshake;
import dev.faultlab.detect.tcp.SynAttempt;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Handshakes counts established connections per server address and per server endpoint as two plain maps of
 * counts do (it keeps the endpoints' counts and sums an address's when asked), on random conversations: servers
 * sharing an address on several ports, IPv4 and IPv6, and other outcomes in between that are not counted.
 */
class HandshakesTest {
    @Test
    void countsEstablishedConnectionsAsTwoMapsOfCounts() throws UnknownHostException {
        List<InetAddress> addresses = List.of(InetAddress.getByName("10.0.0.1"), InetAddress.getByName("10.0.0.2"),
                InetAddress.getByName("10.0.0.3"), InetAddress.getByName("fd00::1"));
        Handshake[] outcomes = Handshake.values();
        Random random = new Random(7);
        Handshakes handshakes = new Handshakes();
        Map<InetAddress, Long> byAddress = new HashMap<>();
        Map<Endpoint, Long> byServer = new HashMap<>();
        List<Endpoint> servers = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            // a fresh Endpoint object each time, as each conversation makes its own
            Endpoint server = new Endpoint(addresses.get(random.nextInt(addresses.size())), 80 + random.nextInt(4));
            Handshake outcome = random.nextInt(3) == 0 ? outcomes[random.nextInt(outcomes.length)]
                    : Handshake.ESTABLISHED;
            handshakes.add(conversation(server, outcome, i));
            if (outcome == Handshake.ESTABLISHED) {
                byAddress.merge(server.address(), 1L, Long::sum);
                byServer.merge(server, 1L, Long::sum);
            }
            servers.add(server);
            if (i % 997 == 0) {
                for (InetAddress address : addresses) {
                    assertThat(handshakes.establishedTo(address)).isEqualTo(byAddress.getOrDefault(address, 0L));
                }
                for (Endpoint s : servers) {
                    assertThat(handshakes.establishedTo(s)).isEqualTo(byServer.getOrDefault(s, 0L));
                }
                assertThat(handshakes.establishedServerAddresses()).isEqualTo(byAddress.keySet());
                servers.clear();
            }
        }
        assertThat(byServer).hasSize(addresses.size() * 4);
    }

    private static ConversationSummary conversation(Endpoint server, Handshake handshake, int i)
            throws UnknownHostException {
        FrameRef first = new FrameRef(i, i * 1000L);
        Endpoint client = new Endpoint(InetAddress.getByName("10.1.0.1"), 40000 + i % 1000);
        return new ConversationSummary("t", client, server, handshake, List.of(new SynAttempt(first, i, -1)), 1,
                null, 0, null, -1, -1, null, -1, null, first, first, 3, -1, false, List.of(), false, null);
    }
}

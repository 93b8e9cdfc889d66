package dev.faultlab.detect;

import dev.faultlab.detect.tcp.ConversationSummary;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real captures of the same traffic at two points (a lab run's client eth0 and node-1 eth0, where the client's
 * NodePort connections arrive): read together, each capture point keeps its own conversations, named after it, and
 * a packet seen at both points is not counted twice (not a retransmission, not a second SYN).
 */
class CapturePointsTest {
    /** Records the conversations the diagnosis hands to detectors. */
    private static final class Recorder implements Detector {
        final List<ConversationSummary> conversations = new ArrayList<>();

        @Override
        public String cause() {
            return "recorder";
        }

        @Override
        public void onConversation(ConversationSummary conversation) {
            conversations.add(conversation);
        }

        @Override
        public List<Finding> conclude(AnalysisContext context) {
            return List.of();
        }
    }

    private record Attempt(String capture, String flow, long isn) {
        static Attempt of(ConversationSummary c) {
            return new Attempt(c.capture(), c.flow(), c.isn());
        }
    }

    private static List<ConversationSummary> conversations(List<Path> captures) {
        Recorder recorder = new Recorder();
        Diagnosis.withDetectors(List.of(recorder)).run(captures, List.of());
        return recorder.conversations;
    }

    @Test
    void aPacketSeenAtTwoPointsIsCountedOncePerPoint() throws Exception {
        Path run = Path.of(CapturePointsTest.class.getResource("/lab-runs/tunl0-mtu-blackhole/captures").toURI());
        Path client = run.resolve("client-eth0.pcapng");
        Path node = run.resolve("node-1-eth0.pcapng");
        Map<Attempt, ConversationSummary> alone = new java.util.HashMap<>();
        conversations(List.of(client)).forEach(c -> alone.put(Attempt.of(c), c));
        conversations(List.of(node)).forEach(c -> alone.put(Attempt.of(c), c));
        List<ConversationSummary> together = conversations(List.of(client, node));

        Set<String> points = together.stream().map(ConversationSummary::capture).collect(Collectors.toSet());
        assertThat(points).containsExactlyInAnyOrder("client-eth0.pcapng", "node-1-eth0.pcapng");
        // the same connection attempts (client, server, ISN) are seen at both points
        Set<String> atClient = together.stream().filter(c -> c.capture().startsWith("client"))
                .map(c -> c.flow() + "#" + c.isn()).collect(Collectors.toSet());
        Set<String> atNode = together.stream().filter(c -> c.capture().startsWith("node"))
                .map(c -> c.flow() + "#" + c.isn()).collect(Collectors.toSet());
        atClient.retainAll(atNode);
        assertThat(atClient).isNotEmpty();
        assertThat(together).hasSameSizeAs(alone.values());
        for (ConversationSummary c : together) {
            ConversationSummary single = alone.get(Attempt.of(c));
            assertThat(single).as(c.flow()).isNotNull();
            assertThat(c.packets()).as(c.flow()).isEqualTo(single.packets());
            assertThat(c.synCount()).as(c.flow()).isEqualTo(single.synCount());
            assertThat(c.stalled()).as(c.flow()).isEqualTo(single.stalled());
            assertThat(c.handshake()).as(c.flow()).isEqualTo(single.handshake());
        }
    }
}

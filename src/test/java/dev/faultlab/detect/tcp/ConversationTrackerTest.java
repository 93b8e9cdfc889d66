package dev.faultlab.detect.tcp;

import dev.faultlab.capture.read.CaptureReader;
import dev.faultlab.capture.read.Packet;
import dev.faultlab.capture.testing.Frames;
import dev.faultlab.capture.testing.TcpConversation;
import dev.faultlab.capture.testing.TcpSegment;
import dev.faultlab.capture.testing.TestCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** Conversation reconstruction: direction, handshake outcomes, 4-tuple reuse, retransmissions and SACK holes. */
class ConversationTrackerTest {
    private static final UnaryOperator<byte[]> ETH = ip -> Frames.ethernet(Frames.MAC_A, Frames.MAC_B, ip);

    @TempDir
    Path dir;

    private List<ConversationSummary> track(TestCapture capture) {
        List<ConversationSummary> out = new ArrayList<>();
        ConversationTracker tracker = new ConversationTracker("t", out::add);
        try (CaptureReader reader = CaptureReader.open(capture.writePcapng(dir.resolve("t.pcapng")))) {
            for (Packet p = reader.next(); p != null; p = reader.next()) {
                tracker.observe(p);
            }
        }
        tracker.finishAll();
        return out;
    }

    @Test
    void handshakeOutcomes() {
        TestCapture capture = TestCapture.ethernet();
        new TcpConversation("10.0.0.1", 1001, "10.0.0.2", 80, 1, 2).healthy(capture, 0, ETH);
        TcpConversation unanswered = new TcpConversation("10.0.0.1", 1002, "10.0.0.2", 80, 10, 0);
        capture.at(100, ETH.apply(unanswered.syn())).at(1100, ETH.apply(unanswered.syn()));
        TcpConversation refused = new TcpConversation("10.0.0.1", 1003, "10.0.0.2", 81, 20, 0);
        capture.at(200, ETH.apply(refused.syn())).at(201, ETH.apply(Frames.tcp("10.0.0.2", 81, "10.0.0.1", 1003)
                .flags(TcpSegment.RST | TcpSegment.ACK).ack(21).ip()));
        TcpConversation lost = new TcpConversation("10.0.0.1", 1004, "10.0.0.2", 80, 30, 40);
        capture.at(300, ETH.apply(lost.syn())).at(301, ETH.apply(lost.synAck())).at(1300, ETH.apply(lost.syn()))
                .at(1301, ETH.apply(lost.synAck()));
        List<ConversationSummary> all = track(capture);
        assertThat(all).extracting(ConversationSummary::handshake).containsExactlyInAnyOrder(Handshake.ESTABLISHED,
                Handshake.SYN_UNANSWERED, Handshake.REFUSED, Handshake.SYN_ACK_UNACKNOWLEDGED);
        ConversationSummary first = all.stream().filter(c -> c.client().port() == 1002).findFirst().orElseThrow();
        assertThat(first.synCount()).isEqualTo(2);
        assertThat(first.client().toString()).isEqualTo("10.0.0.1:1002");
        assertThat(first.server().toString()).isEqualTo("10.0.0.2:80");
    }

    @Test
    void clientIsTheSynSenderEvenWhenTheCaptureStartsWithTheReply() {
        TestCapture capture = TestCapture.ethernet();
        TcpConversation c = new TcpConversation("10.0.0.1", 80, "10.0.0.2", 40000, 1, 2);
        capture.at(0, ETH.apply(c.synAck())).at(1, ETH.apply(c.handshakeAck()));
        ConversationSummary only = track(capture).get(0);
        assertThat(only.client().port()).isEqualTo(80);
        assertThat(only.handshake()).isEqualTo(Handshake.ESTABLISHED);
    }

    @Test
    void newSynOnAClosedTupleStartsANewConversationThatRemembersTheOld() {
        TestCapture capture = TestCapture.ethernet();
        TcpConversation old = new TcpConversation("10.0.0.1", 1001, "10.0.0.2", 80, 1, 2).timestamps(500, 9);
        old.healthy(capture, 0, ETH);
        new TcpConversation("10.0.0.1", 1001, "10.0.0.2", 80, 7777, 8888).healthy(capture, 2000, ETH);
        List<ConversationSummary> all = track(capture);
        assertThat(all).hasSize(2);
        ConversationSummary second = all.get(1);
        assertThat(second.isn()).isEqualTo(7777);
        assertThat(second.previous()).isNotNull();
        assertThat(second.previous().finished()).isTrue();
        assertThat(second.previous().clientTsVal()).isEqualTo(old.clientTs() - 1);
    }

    @Test
    void retransmittedSegmentIsFollowedToItsSackHoleAndRecovery() {
        TestCapture capture = TestCapture.ethernet();
        TcpConversation c = new TcpConversation("10.0.0.1", 1001, "10.0.0.2", 80, 99, 500);
        capture.at(0, ETH.apply(c.syn())).at(1, ETH.apply(c.synAck())).at(2, ETH.apply(c.handshakeAck()))
                .at(3, ETH.apply(c.clientData(1000))).at(4, ETH.apply(c.clientData(500)))
                .at(5, ETH.apply(c.serverAckWithSack(100, 1100, 1600)));
        for (int i = 1; i <= 3; i++) {
            capture.at(200.0 * i, ETH.apply(c.clientDataAt(100, 1000)));
        }
        capture.at(700, ETH.apply(c.serverAck()));
        StalledSegment stalled = track(capture).get(0).stalled().get(0);
        assertThat(stalled.seq()).isEqualTo(100);
        assertThat(stalled.transmissions()).isEqualTo(4);
        assertThat(stalled.sackedPast().frame()).isEqualTo(6);
        assertThat(stalled.coveredBy().frame()).isEqualTo(10);
        assertThat(stalled.fromClient()).isTrue();
    }

    @Test
    void theSameSegmentSeenOnTwoInterfacesIsNotARetransmission() {
        TestCapture capture = TestCapture.ethernet();
        TcpConversation c = new TcpConversation("10.0.0.1", 1001, "10.0.0.2", 80, 5, 0);
        byte[] syn = c.syn();
        capture.at(0, ETH.apply(syn)).at(0.05, Frames.ethernet(Frames.MAC_B, "02:00:00:00:00:0c", syn));
        ConversationSummary only = track(capture).get(0);
        assertThat(only.synCount()).isEqualTo(1);
    }

    @Test
    void liveConversationsStayBounded() {
        List<ConversationSummary> out = new ArrayList<>();
        ConversationTracker tracker = new ConversationTracker("t", out::add);
        TestCapture capture = TestCapture.ethernet();
        int total = ConversationTracker.MAX_LIVE + 5_000;
        for (int i = 0; i < total; i++) {
            capture.at(i * 0.01, ETH.apply(new TcpConversation("10.1." + (i >> 16 & 255) + "." + (i >> 8 & 255),
                    1024 + (i & 255), "10.0.0.2", 80, i, 0).syn()));
        }
        try (CaptureReader reader = CaptureReader.open(capture.writePcap(dir.resolve("many.pcap")))) {
            for (Packet p = reader.next(); p != null; p = reader.next()) {
                tracker.observe(p);
                assertThat(tracker.liveConversations()).isLessThanOrEqualTo(ConversationTracker.MAX_LIVE);
            }
        }
        tracker.finishAll();
        assertThat(out).hasSize(total);
    }

    /**
     * Sweeps skip the connects they already walked past while none can have reached the idle timeout: the
     * unanswered one is still finished by a sweep once idle (first: it went quiet first), and one answered in the
     * meantime is not.
     */
    @Test
    void walkedPastConnectsAreStillFinishedAtTheIdleTimeout() {
        TcpConversation unanswered = new TcpConversation("10.9.0.1", 1000, "10.0.0.2", 80, 1, 0);
        TcpConversation answeredLate = new TcpConversation("10.9.0.2", 1000, "10.0.0.2", 80, 1, 7);
        TestCapture capture = TestCapture.ethernet();
        capture.at(0, ETH.apply(unanswered.syn()));
        capture.at(500, ETH.apply(answeredLate.syn()));
        // other connects every 10 ms for 250 s (in time order, the late answer at 100 s among them): a sweep every
        // 4096 packets walks past the quiet ones
        for (int i = 0; i < 24_900; i++) {
            if (i == 9_900) {
                capture.at(100_000, ETH.apply(answeredLate.synAck()));
            }
            capture.at(1_000 + i * 10, ETH.apply(new TcpConversation("10.1." + (i >> 8 & 255) + "." + (i & 255),
                    2000, "10.0.0.2", 80, i, 0).syn()));
        }
        List<ConversationSummary> out = new ArrayList<>();
        ConversationTracker tracker = new ConversationTracker("t", out::add);
        try (CaptureReader reader = CaptureReader.open(capture.writePcap(dir.resolve("quiet.pcap")))) {
            for (Packet p = reader.next(); p != null; p = reader.next()) {
                tracker.observe(p);
            }
        }
        // before finishAll: what the sweeps finished
        assertThat(out).isNotEmpty();
        assertThat(out.get(0).client().address().getHostAddress()).isEqualTo("10.9.0.1");
        assertThat(out).noneMatch(c -> c.client().address().getHostAddress().equals("10.9.0.2"));
        assertThat(out).allMatch(c -> c.last().epochNanos() - c.first().epochNanos() < 1_000_000_000L);
        int finishedBySweeps = out.size();
        tracker.finishAll();
        assertThat(out.subList(finishedBySweeps, out.size()))
                .anyMatch(c -> c.client().address().getHostAddress().equals("10.9.0.2"));
    }
}

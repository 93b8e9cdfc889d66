package dev.faultlab.detect.tcp;

import dev.faultlab.capture.read.CaptureReader;
import dev.faultlab.capture.read.Packet;
import dev.faultlab.capture.testing.Frames;
import dev.faultlab.capture.testing.TcpSegment;
import dev.faultlab.capture.testing.TestCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweep's early stop in the parked prefix ({@link LiveConversations#sweepParked}) against the walk of the whole
 * prefix it replaces: two trackers read the same random traffic - unanswered connects that wait minutes for the idle
 * timeout, conversations that go quiet and come back, closes by FIN and RST, quiet gaps in which every conversation
 * is parked, and capture time that goes back now and then - and must finish the same conversations in the same
 * order with the same content.
 */
class LiveConversationsTest {
    @TempDir
    Path dir;

    @Test
    void earlyStopFinishesWhatTheWholeWalkFinishes() {
        for (long seed = 1; seed <= 3; seed++) {
            Path file = randomTraffic(new Random(seed), 60_000).writePcapng(dir.resolve("t" + seed + ".pcapng"));
            List<ConversationSummary> whole = track(file, new LiveConversations(true));
            List<ConversationSummary> early = track(file, new LiveConversations());
            assertThat(whole).hasSizeGreaterThan(5_000);
            assertThat(whole).extracting(ConversationSummary::handshake).contains(Handshake.SYN_UNANSWERED,
                    Handshake.ESTABLISHED);
            assertThat(early).containsExactlyElementsOf(whole);
        }
    }

    /**
     * Every conversation parked, then a packet closes the newest, which keeps its place and parked flag: a later
     * sweep of the prefix must still finish it (the early stop would leave it behind a conversation that stays).
     */
    @Test
    void aPacketToTheNewestParkedConversationEndsTheEarlyStop() {
        TestCapture capture = TestCapture.ethernet();
        capture.at(0, segment(new int[] {1, 1000}, true).flags(TcpSegment.SYN).ethernet());
        for (int port = 1001; port < 1001 + 4092; port++) {
            capture.at(50_000, segment(new int[] {1, port}, true).flags(TcpSegment.SYN).ethernet());
        }
        // the latest capture time is reached by a conversation whose last packet is older: everything is quiet
        capture.at(60_000, segment(new int[] {2, 1}, true).flags(TcpSegment.SYN).ethernet())
                .at(54_000, segment(new int[] {2, 1}, false).flags(TcpSegment.SYN | TcpSegment.ACK).ethernet())
                .at(54_000, segment(new int[] {3, 1}, true).flags(TcpSegment.SYN).ethernet()) // 4096th: a sweep
                .at(55_000, segment(new int[] {3, 1}, false).flags(TcpSegment.RST).ethernet());
        for (int port = 1; port < 4096; port++) {
            capture.at(185_000, segment(new int[] {4, port}, true).flags(TcpSegment.SYN).ethernet());
        }
        Path file = capture.writePcapng(dir.resolve("newest.pcapng"));
        List<ConversationSummary> whole = track(file, new LiveConversations(true));
        assertThat(whole.subList(0, 2)).extracting(c -> c.client().port()).containsExactly(1000, 1);
        assertThat(track(file, new LiveConversations())).containsExactlyElementsOf(whole);
    }

    private static List<ConversationSummary> track(Path file, LiveConversations live) {
        List<ConversationSummary> out = new ArrayList<>();
        ConversationTracker tracker = new ConversationTracker("t", out::add, live);
        try (CaptureReader reader = CaptureReader.open(file)) {
            for (Packet p = reader.next(); p != null; p = reader.next()) {
                tracker.observe(p);
            }
        }
        tracker.finishAll();
        return out;
    }

    private static TestCapture randomTraffic(Random random, int packets) {
        TestCapture capture = TestCapture.ethernet();
        List<int[]> tuples = new ArrayList<>(); // client host, client port, client seq, server seq
        double millis = 0;
        int nextPort = 1024;
        for (int i = 0; i < packets; i++) {
            double r = random.nextDouble();
            if (r < 0.002) {
                millis += 5_000 + random.nextDouble() * 200_000; // a quiet gap: everything gets parked
            } else if (r < 0.02) {
                millis = Math.max(0, millis - random.nextDouble() * 60_000); // time goes back (merged interfaces)
            } else {
                millis += random.nextDouble() * 20;
            }
            double what = random.nextDouble();
            if (what < 0.3 || tuples.isEmpty()) {
                int[] t = {random.nextInt(200), nextPort++, random.nextInt(1 << 20), random.nextInt(1 << 20)};
                if (nextPort > 65_000) {
                    nextPort = 1024;
                }
                tuples.add(t);
                capture.at(millis, segment(t, true).flags(TcpSegment.SYN).seq(t[2]).ethernet());
                continue;
            }
            // mostly the recent conversations, sometimes one from long ago (a parked one comes back)
            int pick = random.nextDouble() < 0.9
                    ? Math.max(0, tuples.size() - 1 - random.nextInt(Math.min(tuples.size(), 50)))
                    : random.nextInt(tuples.size());
            int[] t = tuples.get(pick);
            boolean fromClient = random.nextBoolean();
            int flags;
            if (what < 0.35) {
                flags = TcpSegment.SYN | TcpSegment.ACK;
                fromClient = false;
            } else if (what < 0.40) {
                flags = TcpSegment.FIN | TcpSegment.ACK;
            } else if (what < 0.42) {
                flags = TcpSegment.RST;
            } else if (what < 0.44) {
                flags = TcpSegment.SYN; // a retried or new connect on the same 4-tuple
                fromClient = true;
                if (random.nextBoolean()) {
                    t[2] += 100_000;
                }
            } else {
                flags = TcpSegment.ACK;
            }
            TcpSegment s = segment(t, fromClient).flags(flags).seq(fromClient ? t[2] : t[3])
                    .ack(fromClient ? t[3] : t[2]);
            if (flags == TcpSegment.ACK && random.nextBoolean()) {
                s.payload(1 + random.nextInt(100));
            }
            capture.at(millis, s.ethernet());
        }
        return capture;
    }

    private static TcpSegment segment(int[] t, boolean fromClient) {
        String client = "10.0." + t[0] / 100 + "." + (1 + t[0] % 100);
        return fromClient ? Frames.tcp(client, t[1], "10.1.0.1", 80) : Frames.tcp("10.1.0.1", 80, client, t[1]);
    }
}

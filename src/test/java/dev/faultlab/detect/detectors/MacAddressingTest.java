package dev.faultlab.detect.detectors;

import dev.faultlab.capture.read.MacAddress;
import dev.faultlab.capture.read.Packet;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bookkeeping behind vxlan-stale-neighbor's addressing views: a receiver whose MAC moved (used one after the
 * other) is told from one that uses several at once, the last frames of a use are remembered in order, and a
 * pair that carried a broadcast or multicast frame marks both ends as on an L2 segment.
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
}

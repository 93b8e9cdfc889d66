package dev.faultlab.detect.detectors;

import dev.faultlab.capture.read.IpHeader;
import dev.faultlab.capture.read.Packet;
import dev.faultlab.capture.read.SackBlock;
import dev.faultlab.capture.read.TcpHeader;
import dev.faultlab.capture.read.TcpOptions;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flight object reused for a new flight ({@link SegmentFlight#reuse}) answers exactly as a fresh one: random
 * traffic (handshakes, data sent again and out of order, stuck and moving ACKs, SACK blocks, FINs) is driven through
 * a fresh flight and through one object reused over and over, whatever the traffic before left in it.
 */
class SegmentFlightTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aReusedFlightAnswersAsAFreshOne() throws UnknownHostException {
        InetAddress sender = InetAddress.getByName("10.0.0.1");
        InetAddress receiver = InetAddress.getByName("10.0.0.2");
        Random seeds = new Random(17);
        SegmentFlight reused = new SegmentFlight("c", sender, 40000, receiver, 80);
        int stalled = 0;
        for (int round = 0; round < 400; round++) {
            long seed = seeds.nextLong();
            reused.close(); // as the harvest of the flight before did
            reused.reuse("c" + round, sender, 40000 + round, receiver, 80);
            SegmentFlight fresh = new SegmentFlight("c" + round, sender, 40000 + round, receiver, 80);
            String expected = drive(fresh, new Random(seed), sender, receiver);
            assertThat(drive(reused, new Random(seed), sender, receiver)).isEqualTo(expected);
            stalled += expected.contains("stall ") ? 1 : 0;
        }
        // the traffic does leave stalls (and so state) behind in the reused object
        assertThat(stalled).isGreaterThan(20);
    }

    /** Random traffic through {@code flight}; returns everything it answered and kept, as text. */
    private static String drive(SegmentFlight flight, Random random, InetAddress sender, InetAddress receiver) {
        StringBuilder out = new StringBuilder(flight.flow()).append(' ').append(flight.pathsKnown());
        PathTraffic forward = new PathTraffic(() -> Long.MIN_VALUE);
        PathTraffic reverse = new PathTraffic(() -> Long.MIN_VALUE);
        flight.paths(forward, reverse);
        long base = random.nextInt(1 << 20) + (random.nextBoolean() ? 0xffffffffL - 5000 : 0);
        long sent = base;
        long nanos = SECOND;
        int steps = 5 + random.nextInt(60);
        if (random.nextBoolean()) {
            flight.receiverAdvertised(random.nextBoolean() ? 1460 : 500);
            out.append(" sent ").append(flight.sent(packet(sender, receiver, base, 0, TcpHeader.SYN, 0, List.of(),
                    nanos)));
            sent = base + 1;
        }
        for (int i = 0; i < steps; i++) {
            nanos += random.nextInt(3) * SECOND / 2 + 1;
            int what = random.nextInt(10);
            if (what < 5) {
                // new data, data sent again (a retransmission) or data beyond a gap
                long seq = what == 0 ? base + random.nextInt((int) Math.max(1, sent - base + 1))
                        : what == 1 ? sent + 1 + random.nextInt(3000) : sent;
                int payload = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(2000);
                int flags = TcpHeader.ACK | (random.nextInt(8) == 0 ? TcpHeader.FIN : 0);
                out.append(" sent ").append(flight.sent(packet(sender, receiver, seq, 0, flags, payload, List.of(),
                        nanos)));
                sent = Math.max(sent, seq + payload) & 0xffffffffL;
            } else {
                long ack = random.nextInt(3) == 0 ? base + random.nextInt((int) Math.max(1, sent - base + 1)) : sent;
                List<SackBlock> sacks = new ArrayList<>();
                if (random.nextInt(3) == 0) {
                    long left = ack + random.nextInt(3000);
                    sacks.add(new SackBlock(left & 0xffffffffL, left + 1 + random.nextInt(3000) & 0xffffffffL));
                }
                flight.acknowledged(packet(receiver, sender, 1, ack & 0xffffffffL, TcpHeader.ACK, 0, sacks, nanos),
                        forward);
            }
            out.append(" | ").append(flight.settled()).append(flight.finished()).append(' ')
                    .append(flight.earliestOnset()).append(' ').append(flight.receiverMss());
        }
        flight.close();
        for (SegmentFlight.Stall s : flight.stalls()) {
            out.append(" stall ").append(List.of(s.ackPoint(), s.transmissions(), s.frames(), s.lostWireMin(),
                    s.lostWireKnown(), s.superFrames(), s.firstLost(), s.lastLost(), String.valueOf(s.dupAck()),
                    String.valueOf(s.coveredBy()), s.deliveredWire())).append(s.flight() == flight);
        }
        for (SegmentFlight.Hole h : flight.holes()) {
            out.append(" hole ").append(List.of(h.start(), h.bytes(), h.lostWire(), h.opened(), h.firstSack(),
                    h.lastSack(), h.sacks())).append(h.flight() == flight);
        }
        out.append(" delivered ").append(forward.deliveredAfter(0, 1000)).append(" settled ")
                .append(flight.settled());
        return out.toString();
    }

    private static Packet packet(InetAddress from, InetAddress to, long seq, long ack, int flags, int payload,
                                 List<SackBlock> sacks, long nanos) {
        IpHeader ip = new IpHeader(4, from, to, 6, 64, 52 + payload, 1, true, 0, false, 20);
        TcpOptions options = sacks.isEmpty() ? TcpOptions.NONE : new TcpOptions(-1, -1, true, sacks, -1, -1);
        TcpHeader tcp = new TcpHeader(40000, 80, seq & 0xffffffffL, ack, flags, 500, payload, options);
        return new Packet(nanos / 1000, nanos, 0, 66 + payload, null, ip, tcp, null, null, null, null, null, false);
    }
}

package dev.faultlab.scenario.report;

import java.time.Instant;
import java.util.List;

/**
 * One TCP segment as one capture point saw it: the unit a {@link TimelineBuilder} matches across capture points.
 *
 * @param captureHost host the capture ran in
 * @param captureFile capture file name
 * @param frame       frame number in that file (1-based)
 * @param time        capture time
 * @param source      source address as seen there (NAT changes it between capture points)
 * @param sourcePort  source port as seen there
 * @param destination destination address as seen there
 * @param destinationPort destination port as seen there
 * @param flags       TCP flags, Wireshark style ({@code SYN,ACK})
 * @param seq         sequence number (NAT keeps it, so it identifies the segment across capture points)
 * @param ack         acknowledgment number, 0 without ACK
 * @param length      payload bytes
 * @param dontFragment IPv4 DF bit
 * @param sack        SACK blocks as absolute [left, right) pairs
 */
public record Observation(String captureHost, String captureFile, long frame, Instant time, String source,
                          int sourcePort, String destination, int destinationPort, String flags, long seq,
                          long ack, int length, boolean dontFragment, List<SackRange> sack) {
    public Observation {
        sack = List.copyOf(sack);
    }

    /** A SACK block: the receiver holds [left, right). */
    public record SackRange(long left, long right) {
    }

    /** Both endpoints, order-independent: the connection as this capture point saw it. */
    String connection() {
        String a = source + ":" + sourcePort;
        String b = destination + ":" + destinationPort;
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }

    /** What stays the same for this segment at every capture point, NAT or not (SACK edges are sequence numbers). */
    String segmentKey() {
        return flags + "/" + seq + "/" + ack + "/" + length + "/" + sack;
    }

    /** Whether it occupies sequence space (data, SYN or FIN): only such segments can be retransmitted. */
    boolean carriesSequence() {
        return length > 0 || flags.contains("SYN") || flags.contains("FIN");
    }
}

package dev.faultlab.scenario.report;

import java.time.Instant;

/**
 * One packet of the connection a report draws, as the capture points saw it.
 *
 * @param time           when the first capture point saw it
 * @param from           the host that sent it
 * @param to             the host it was addressed to (after NAT, as far as the captures show)
 * @param lastSeen       the last host whose capture saw it; differs from {@code to} when it was lost on the way
 * @param label          what it was, e.g. {@code [PSH,ACK] seq=4 len=1398 DF}
 * @param retransmission whether the sender had sent the same segment before
 * @param captureFile    file name of the capture that first saw it
 * @param frame          its frame number in that capture (1-based, as Wireshark counts)
 */
public record TimelineEvent(Instant time, String from, String to, String lastSeen, String label,
                            boolean retransmission, String captureFile, long frame) {
    /** Whether a capture on the destination host was expected to see it and did not. */
    public boolean lost() {
        return !to.equals(lastSeen);
    }
}

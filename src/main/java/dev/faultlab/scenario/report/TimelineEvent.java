package dev.faultlab.scenario.report;

import java.time.Instant;

/**
 * One packet of the connection a report draws, as the capture points saw it.
 *
 * @param time           when the first capture point saw it
 * @param from           the host that sent it
 * @param to             the host it was addressed to (after NAT, as far as the captures show)
 * @param lastSeen       the last host whose capture saw it (the sender when no capture did)
 * @param label          what it was, e.g. {@code [PSH,ACK] seq=4 len=1398 DF}
 * @param retransmission whether the sender had sent the same segment before
 * @param lost           whether it was lost on the way: a capture at its destination, or on the path its
 *                       sender's other packets took, should have seen it and did not
 * @param captureFile    file name of the capture that first saw it
 * @param frame          its frame number in that capture (1-based, as Wireshark counts)
 */
public record TimelineEvent(Instant time, String from, String to, String lastSeen, String label,
                            boolean retransmission, boolean lost, String captureFile, long frame) {
    /** Seen at its destination. */
    public boolean delivered() {
        return to.equals(lastSeen);
    }

    /** Neither delivered nor lost as far as the captures tell: nothing captured beyond {@link #lastSeen()}. */
    public boolean unconfirmed() {
        return !lost && !delivered();
    }
}

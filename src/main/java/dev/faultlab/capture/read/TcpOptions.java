package dev.faultlab.capture.read;

import java.util.List;

/**
 * The TCP options a diagnosis needs. Absent numeric options are -1.
 *
 * @param mss           maximum segment size (SYN/SYN-ACK)
 * @param windowScale   window scale shift (SYN/SYN-ACK)
 * @param sackPermitted SACK-permitted option present
 * @param sackBlocks    SACK blocks, as sent
 * @param tsVal         timestamp value, or -1 without the timestamp option
 * @param tsEcr         timestamp echo reply, or -1 without the timestamp option
 */
public record TcpOptions(int mss, int windowScale, boolean sackPermitted, List<SackBlock> sackBlocks, long tsVal,
                         long tsEcr) {
    private static final List<SackBlock> NO_SACK = List.of();
    public static final TcpOptions NONE = new TcpOptions(-1, -1, false, List.of(), -1, -1);

    public TcpOptions {
        // the empty list (nearly every segment's) is kept as it is: copying it is a call chain per segment
        sackBlocks = sackBlocks == NO_SACK ? NO_SACK : List.copyOf(sackBlocks);
    }

    public boolean hasTimestamps() {
        return tsVal >= 0;
    }
}

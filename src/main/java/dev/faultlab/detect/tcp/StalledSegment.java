package dev.faultlab.detect.tcp;

import java.util.List;

/**
 * A data segment sent several times (same sequence number and length): a retransmitted segment.
 *
 * @param fromClient     true when the client sent it
 * @param seq            its first sequence number
 * @param length         TCP payload bytes
 * @param ipLength       IP packet size on the wire (what the path MTU is compared with)
 * @param dontFragment   DF set (always for IPv6)
 * @param transmissions  how many times it was seen
 * @param frames         the first few transmissions
 * @param sackedPast     the first receiver ACK whose SACK block starts exactly at this segment's end (the hole is
 *                       this segment), or null
 * @param coveredBy      the first receiver ACK that acknowledged the segment's end (it got through, perhaps
 *                       resent smaller), or null
 * @param resegmented    the sender later sent smaller segments from the same sequence number
 */
record StalledSegment(boolean fromClient, long seq, int length, int ipLength, boolean dontFragment,
                             int transmissions, List<FrameRef> frames, FrameRef sackedPast, FrameRef coveredBy,
                             boolean resegmented) {
    public StalledSegment {
        frames = List.copyOf(frames);
    }

    public long endSeq() {
        return (seq + length) & 0xffffffffL;
    }
}

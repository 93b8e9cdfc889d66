package dev.faultlab.detect.tcp;

/** One SYN of a connection attempt (retransmissions repeat the sequence number); tsVal is -1 without timestamps. */
public record SynAttempt(FrameRef ref, long seq, long tsVal) {
}

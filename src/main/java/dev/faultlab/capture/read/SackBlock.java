package dev.faultlab.capture.read;

/** One SACK block: the receiver holds bytes [left, right) (absolute sequence numbers). */
public record SackBlock(long left, long right) {
}

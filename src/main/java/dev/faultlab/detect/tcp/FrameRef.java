package dev.faultlab.detect.tcp;

import dev.faultlab.capture.read.Packet;

import java.time.Instant;

/** Where to find a packet in its capture: the frame number (Wireshark's {@code frame.number}) and its time. */
public record FrameRef(long frame, long epochNanos) {
    public static FrameRef of(Packet packet) {
        return new FrameRef(packet.frame(), packet.epochNanos());
    }

    public Instant time() {
        return Instant.ofEpochSecond(0, epochNanos);
    }

    /** Seconds from {@code earlier} to this frame. */
    public double secondsAfter(FrameRef earlier) {
        return (epochNanos - earlier.epochNanos) / 1e9;
    }
}

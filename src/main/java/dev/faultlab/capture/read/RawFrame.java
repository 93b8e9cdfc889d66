package dev.faultlab.capture.read;

/**
 * One frame as stored in a capture file, before decoding.
 *
 * @param number         1-based frame number, counted like Wireshark's {@code frame.number}
 * @param epochNanos     capture time in nanoseconds since the epoch
 * @param interfaceId    pcapng interface index (0 for classic pcap)
 * @param linkType       link-layer header type of that interface (tcpdump.org/linktypes.html)
 * @param data           the captured bytes (may be shorter than the frame on the wire); valid until the source
 *                       reads the next frame, which may reuse the array
 * @param originalLength length of the frame on the wire
 */
public record RawFrame(long number, long epochNanos, int interfaceId, int linkType, byte[] data, int originalLength) {
}

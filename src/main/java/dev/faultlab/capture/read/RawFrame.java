package dev.faultlab.capture.read;

/**
 * One frame as stored in a capture file, before decoding. Each frame source fills one instance for every frame
 * (not a record per frame: the decoder reads it once and keeps nothing of it, so a new object per packet was
 * only more garbage), like the frame's data array: it describes the last frame read until the next is read.
 */
public final class RawFrame {
    private long number;
    private long epochNanos;
    private int interfaceId;
    private int linkType;
    private byte[] data;
    private int originalLength;

    /** Describes the next frame; returns this. */
    RawFrame set(long number, long epochNanos, int interfaceId, int linkType, byte[] data, int originalLength) {
        this.number = number;
        this.epochNanos = epochNanos;
        this.interfaceId = interfaceId;
        this.linkType = linkType;
        this.data = data;
        this.originalLength = originalLength;
        return this;
    }

    /** 1-based frame number, counted like Wireshark's {@code frame.number}. */
    public long number() {
        return number;
    }

    /** Capture time in nanoseconds since the epoch. */
    public long epochNanos() {
        return epochNanos;
    }

    /** pcapng interface index (0 for classic pcap). */
    public int interfaceId() {
        return interfaceId;
    }

    /** Link-layer header type of that interface (tcpdump.org/linktypes.html). */
    public int linkType() {
        return linkType;
    }

    /** The captured bytes (may be shorter than the frame on the wire); the array's end is the frame's end. */
    public byte[] data() {
        return data;
    }

    /** Length of the frame on the wire. */
    public int originalLength() {
        return originalLength;
    }
}

package dev.faultlab.capture.read;

import java.io.IOException;

/**
 * What both file formats share: the input, Wireshark-style frame numbering, and ending the stream (counting
 * the broken record that ended it, if any).
 */
abstract class StreamFrameSource implements FrameSource {
    /** Frames up to this long reuse one array per length (see {@link #frameBytes}). */
    private static final int REUSED_UP_TO = 2048;

    protected final RecordInput in;
    /** By length: the array the last frame of that length was read into (at most ~2 MB in all). */
    private final byte[][] reused = new byte[REUSED_UP_TO + 1][];
    /** Describes every frame in turn (see {@link RawFrame}). */
    private final RawFrame frame = new RawFrame();
    private long number;
    private long unreadable;
    private boolean ended;

    protected StreamFrameSource(RecordInput in) {
        this.in = in;
    }

    protected boolean ended() {
        return ended;
    }

    /** The next frame, numbered (1-based, every record that is a frame counts); valid until the next is read. */
    protected RawFrame frame(long epochNanos, int interfaceId, int linkType, byte[] data, long originalLength) {
        return frame.set(++number, epochNanos, interfaceId, linkType, data,
                (int) Math.min(originalLength, Integer.MAX_VALUE));
    }

    /**
     * An array of exactly {@code length} bytes for the next frame's data (decoders take the array's end as the
     * frame's end). Ordinary frames reuse one array per length, so reading a capture allocates no frame per
     * packet: a frame's data is valid until the next frame is read, and {@link CaptureReader} decodes it (the
     * decoded packet copies what it keeps) before reading the next.
     */
    protected byte[] frameBytes(int length) {
        if (length > REUSED_UP_TO) {
            return new byte[length];
        }
        byte[] data = reused[length];
        if (data == null) {
            data = new byte[length];
            reused[length] = data;
        }
        return data;
    }

    /** Counts one record that could not be read without ending the stream. */
    protected void skipUnreadable() {
        unreadable++;
    }

    /** Ends the stream; {@code brokenRecord} when a damaged or cut-off record is why. Returns null for callers. */
    protected RawFrame end(boolean brokenRecord) {
        ended = true;
        if (brokenRecord) {
            unreadable++;
        }
        return null;
    }

    @Override
    public long unreadableRecords() {
        return unreadable;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

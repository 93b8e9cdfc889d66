package dev.faultlab.capture.read;

import java.io.IOException;

/**
 * What both file formats share: the input, Wireshark-style frame numbering, and ending the stream (counting
 * the broken record that ended it, if any).
 */
abstract class StreamFrameSource implements FrameSource {
    protected final RecordInput in;
    private long number;
    private long unreadable;
    private boolean ended;

    protected StreamFrameSource(RecordInput in) {
        this.in = in;
    }

    protected boolean ended() {
        return ended;
    }

    /** The next frame's 1-based number. */
    protected long nextNumber() {
        return ++number;
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

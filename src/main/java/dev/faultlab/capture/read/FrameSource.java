package dev.faultlab.capture.read;

import java.io.IOException;

/** Streams the frames of one capture file format, one at a time, without holding more than the current frame. */
interface FrameSource extends AutoCloseable {
    /**
     * The next frame, or null at the end of the file (including a truncated last record). Its data may be
     * overwritten by the next call: decode it first.
     */
    RawFrame next() throws IOException;

    /** Records that could not be read as frames (corrupt lengths, truncated tail), each counted once. */
    long unreadableRecords();

    @Override
    void close() throws IOException;
}

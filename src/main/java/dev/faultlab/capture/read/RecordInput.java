package dev.faultlab.capture.read;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads whole records through one large buffer (filled with big reads, no locking per call, unlike
 * {@code BufferedInputStream}); distinguishes a clean end of file from a record cut short, and knows how far into
 * the stream it is (for error messages).
 */
final class RecordInput implements AutoCloseable {
    private static final int BUFFER = 1 << 20;

    private final InputStream in;
    private final byte[] buffer = new byte[BUFFER];
    private int position;
    private int limit;
    private long consumedBefore;

    RecordInput(InputStream in) {
        this.in = in;
    }

    /**
     * Fills {@code buf[0..length)}. Returns the bytes actually read: {@code length}, 0 at a clean end of file,
     * or something in between when the file ends inside the record.
     */
    int read(byte[] buf, int length) throws IOException {
        int done = 0;
        while (done < length) {
            if (position == limit && !refill()) {
                break;
            }
            int n = Math.min(length - done, limit - position);
            System.arraycopy(buffer, position, buf, done, n);
            position += n;
            done += n;
        }
        return done;
    }

    /**
     * Makes the next {@code length} bytes (at most the buffer's size) readable at {@link #buffer()}[{@link
     * #offset()}] without consuming them; returns how many are there (fewer at the end of the file).
     */
    int peek(int length) throws IOException {
        if (limit - position < length) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            consumedBefore += position;
            limit -= position;
            position = 0;
            while (limit < length) {
                int n = in.read(buffer, limit, buffer.length - limit);
                if (n < 0) {
                    break;
                }
                limit += n;
            }
        }
        return Math.min(length, limit - position);
    }

    /** The buffer holding the bytes {@link #peek} made readable. */
    byte[] buffer() {
        return buffer;
    }

    /** Where the next unread byte sits in {@link #buffer()}. */
    int offset() {
        return position;
    }

    /** Consumes {@code length} bytes made readable by {@link #peek}. */
    void advance(int length) {
        position += length;
    }

    /** Skips {@code length} bytes; false when the file ended first. */
    boolean skip(long length) throws IOException {
        long left = length;
        while (left > 0) {
            if (position == limit && !refill()) {
                return false;
            }
            int n = (int) Math.min(left, limit - position);
            position += n;
            left -= n;
        }
        return true;
    }

    /** Bytes of the (decompressed) stream read so far, including those buffered but not yet consumed. */
    long bytesRead() {
        return consumedBefore + limit;
    }

    private boolean refill() throws IOException {
        consumedBefore += limit;
        position = 0;
        limit = 0;
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

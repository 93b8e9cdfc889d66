package dev.faultlab.capture.read;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Buffered reads of whole records; distinguishes a clean end of file from a record cut short. */
final class RecordInput implements AutoCloseable {
    private final InputStream in;

    RecordInput(InputStream in) {
        this.in = new BufferedInputStream(in, 1 << 20);
    }

    /**
     * Fills {@code buf[0..length)}. Returns the bytes actually read: {@code length}, 0 at a clean end of file,
     * or something in between when the file ends inside the record.
     */
    int read(byte[] buf, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int n = in.read(buf, done, length - done);
            if (n < 0) {
                break;
            }
            done += n;
        }
        return done;
    }

    /** Skips {@code length} bytes; false when the file ended first. */
    boolean skip(long length) throws IOException {
        long left = length;
        while (left > 0) {
            long n = in.skip(left);
            if (n <= 0) {
                if (in.read() < 0) {
                    return false;
                }
                n = 1;
            }
            left -= n;
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

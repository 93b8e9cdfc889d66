package dev.faultlab.capture;

import java.nio.file.Path;

/** A capture running in a lab host; {@link #close()} stops it, flushes the file and returns its counters. */
public interface LiveCapture extends AutoCloseable {
    String host();

    CaptureRequest request();

    default Path file() {
        return request().output();
    }

    /** Stops the capture (idempotent) and returns its counters. */
    CaptureStats stop();

    @Override
    default void close() {
        stop();
    }
}

package dev.faultlab.capture.read;

/** The file is not a capture this reader understands; the message names the file, why, and what would work. */
public final class CaptureFormatException extends IllegalArgumentException {
    public CaptureFormatException(String message) {
        super(message);
    }
}

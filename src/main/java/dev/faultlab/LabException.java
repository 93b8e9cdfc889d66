package dev.faultlab;

/**
 * A lab could not be built or driven. The message is one line a user can act on: the cause and the fix,
 * e.g. "gobgpd not found: install it with 'apt-get install gobgpd'".
 */
public class LabException extends RuntimeException {
    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}

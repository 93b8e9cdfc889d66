package dev.faultlab.datapath.bgp;

/**
 * A message that breaks RFC 4271's rules: the session answers it with a NOTIFICATION carrying this error code and
 * subcode, then closes (RFC 4271 section 6).
 */
final class BgpFormatException extends RuntimeException {
    static final int HEADER = 1;
    static final int OPEN = 2;
    static final int UPDATE = 3;

    private final int code;
    private final int subcode;

    BgpFormatException(int code, int subcode, String message) {
        super(message);
        this.code = code;
        this.subcode = subcode;
    }

    BgpMessage.Notification notification() {
        return new BgpMessage.Notification(code, subcode, new byte[0]);
    }
}

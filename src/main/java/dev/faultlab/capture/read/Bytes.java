package dev.faultlab.capture.read;

/**
 * Unsigned reads from captured bytes. Out-of-range offsets throw {@link IndexOutOfBoundsException}, which the
 * decoder turns into "truncated here" instead of checking lengths before every field.
 */
final class Bytes {
    private Bytes() {
    }

    static int u8(byte[] b, int o) {
        return b[o] & 0xff;
    }

    static int u16(byte[] b, int o) {
        return (b[o] & 0xff) << 8 | (b[o + 1] & 0xff);
    }

    static long u32(byte[] b, int o) {
        return ((long) u16(b, o) << 16) | u16(b, o + 2);
    }

    static int u16le(byte[] b, int o) {
        return (b[o] & 0xff) | (b[o + 1] & 0xff) << 8;
    }

    static long u32le(byte[] b, int o) {
        return u16le(b, o) | ((long) u16le(b, o + 2) << 16);
    }

    /** Reads a 32-bit field in the given byte order. */
    static long u32(byte[] b, int o, boolean littleEndian) {
        return littleEndian ? u32le(b, o) : u32(b, o);
    }

    static int u16(byte[] b, int o, boolean littleEndian) {
        return littleEndian ? u16le(b, o) : u16(b, o);
    }

    static byte[] slice(byte[] b, int from, int length) {
        if (from < 0 || length < 0 || from + length > b.length) {
            throw new IndexOutOfBoundsException("slice " + from + "+" + length + " of " + b.length);
        }
        byte[] out = new byte[length];
        System.arraycopy(b, from, out, 0, length);
        return out;
    }
}

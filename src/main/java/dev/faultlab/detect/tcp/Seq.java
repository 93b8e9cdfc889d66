package dev.faultlab.detect.tcp;

/** Comparisons in TCP's 32-bit sequence space (RFC 1982 serial arithmetic). */
final class Seq {
    private Seq() {
    }

    /** a comes before b. */
    static boolean before(long a, long b) {
        return (int) (a - b) < 0;
    }

    static boolean atOrAfter(long a, long b) {
        return !before(a, b);
    }
}

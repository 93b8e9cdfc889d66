package dev.faultlab.capture.read;

/**
 * A pcapng {@code if_tsresol}: timestamps count units of 10^-exponent seconds, or 2^-exponent when the high bit
 * of the option byte is set. The default (option absent) is microseconds.
 */
record TimestampResolution(boolean powerOfTwo, int exponent) {
    static final TimestampResolution MICROS = new TimestampResolution(false, 6);

    static TimestampResolution fromOption(int value) {
        return new TimestampResolution((value & 0x80) != 0, value & 0x7f);
    }

    long toNanos(long units) {
        if (powerOfTwo) {
            long whole = units >>> exponent;
            long rest = units & ((1L << exponent) - 1);
            return whole * 1_000_000_000L + (long) (rest * (1_000_000_000.0 / (1L << exponent)));
        }
        if (exponent <= 9) {
            return units * POWERS_OF_TEN[9 - exponent];
        }
        return units / POWERS_OF_TEN[Math.min(exponent - 9, 18)];
    }

    private static final long[] POWERS_OF_TEN = {
            1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
            10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L, 100_000_000_000_000L,
            1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L,
            1_000_000_000_000_000_000L};
}

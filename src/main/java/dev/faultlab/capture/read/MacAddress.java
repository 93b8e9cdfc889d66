package dev.faultlab.capture.read;

import java.util.Locale;

/** A 48-bit MAC address kept as a number (cheap to compare and hash); prints as {@code aa:bb:cc:dd:ee:ff}. */
public record MacAddress(long value) {
    public static MacAddress read(byte[] b, int offset) {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = v << 8 | (b[offset + i] & 0xff);
        }
        return new MacAddress(v);
    }

    /** Parses {@code aa:bb:cc:dd:ee:ff} (or with dashes), as printed by iproute2. */
    public static MacAddress parse(String text) {
        String hex = text.trim().replace(":", "").replace("-", "");
        if (hex.length() != 12) {
            throw new IllegalArgumentException("not a MAC address: " + text);
        }
        return new MacAddress(Long.parseLong(hex, 16));
    }

    /**
     * Written out with the record's formula: detectors compare MACs on every frame, and a record's generated
     * equals/hashCode run through method handles that the launcher's C1-only JIT does not inline.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof MacAddress m && m.value == value;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(value);
    }

    /** Broadcast or multicast (group bit set): not the address of one host. */
    public boolean isGroup() {
        return (value >>> 40 & 1) == 1;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8) {
            if (shift < 40) {
                s.append(':');
            }
            s.append(String.format(Locale.ROOT, "%02x", value >>> shift & 0xff));
        }
        return s.toString();
    }
}

package dev.faultlab.detect.detectors;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

/** Small formatting helpers shared by the detectors' messages. */
final class Texts {
    private static final int LISTED = 5;

    private Texts() {
    }

    /** {@code a, b, c and 4 more}. */
    static String list(Collection<?> items) {
        String shown = items.stream().limit(LISTED).map(String::valueOf).collect(Collectors.joining(", "));
        return items.size() > LISTED ? shown + " and " + (items.size() - LISTED) + " more" : shown;
    }

    /** Comma list without spaces, for attributes. */
    static String csv(Collection<?> items) {
        return items.stream().map(String::valueOf).sorted().distinct().collect(Collectors.joining(","));
    }

    static String seconds(double value) {
        return fixed(value, 3) + " s";
    }

    /**
     * {@code String.format(Locale.ROOT, "%.<places>f", value)}, for the 1 to 3 places the messages show. A
     * diagnosis's first Formatter costs tens of milliseconds (its pattern, the locale providers behind the
     * decimal point), so the usual values are rounded here instead: half up from the same shortest decimal
     * digits the Formatter rounds (tested against it, TextsTest). Others (below a thousandth, whose digits the
     * Formatter finds another way, negative, huge, not finite) still go to the Formatter.
     */
    static String fixed(double value, int places) {
        if (value >= 0.001 && value < 1e7 || Double.doubleToRawLongBits(value) == 0) {
            return new BigDecimal(Double.toString(value)).setScale(places, RoundingMode.HALF_UP).toPlainString();
        }
        return String.format(Locale.ROOT, "%." + places + "f", value);
    }

    static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}

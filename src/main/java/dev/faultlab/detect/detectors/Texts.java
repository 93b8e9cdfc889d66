package dev.faultlab.detect.detectors;

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
        return String.format(Locale.ROOT, "%.3f s", value);
    }

    static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}

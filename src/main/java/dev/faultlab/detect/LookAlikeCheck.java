package dev.faultlab.detect;

import java.util.Objects;

/**
 * Whether one look-alike of a finding's cause was ruled out, and by which fact.
 *
 * @param lookAlike what was considered
 * @param excluded  true when {@code fact} rules it out; false when it is still open
 * @param fact      the fact that excludes it, or (when open) why it could not be excluded
 */
public record LookAlikeCheck(LookAlike lookAlike, boolean excluded, String fact) {
    public LookAlikeCheck {
        Objects.requireNonNull(lookAlike, "lookAlike");
        Objects.requireNonNull(fact, "fact");
    }

    public static LookAlikeCheck excluded(LookAlike lookAlike, String fact) {
        return new LookAlikeCheck(lookAlike, true, fact);
    }

    public static LookAlikeCheck open(LookAlike lookAlike, String why) {
        return new LookAlikeCheck(lookAlike, false, why);
    }

    /** One line for the text report. */
    public String describe() {
        return (excluded ? "not " : "open: ") + lookAlike.label() + " (" + fact + ")";
    }
}

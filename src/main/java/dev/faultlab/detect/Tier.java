package dev.faultlab.detect;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How far a finding is proven. Only {@link #ROOT_CAUSE} counts for a scenario's verdict and for "the diagnosis
 * named X": a suspect is shown (with the state that would settle it) but never claimed.
 */
public enum Tier {
    /** Evidence for the cause, and every look-alike of the cause excluded by a named fact. */
    ROOT_CAUSE("root-cause"),
    /** Evidence for the cause, but at least one look-alike is still open: shown, not claimed. */
    SUSPECT("suspect"),
    /** What the user sees (e.g. SYNs never answered); it has candidate causes, not a cause. */
    SYMPTOM("symptom");

    private final String id;

    Tier(String id) {
        this.id = id;
    }

    /** The id used in JSON and text ({@code root-cause}, {@code suspect}, {@code symptom}). */
    @JsonValue
    public String id() {
        return id;
    }
}

package dev.faultlab.backend.netns;

import java.time.Duration;

/**
 * Told when each bring-up phase ends: the benchmark prints the times, and the failure test throws from it to
 * prove a half-built lab is rolled back.
 */
@FunctionalInterface
public interface BringUpListener {
    BringUpListener NONE = (labId, phase, elapsed) -> { };

    void phaseDone(String labId, String phase, Duration elapsed);
}

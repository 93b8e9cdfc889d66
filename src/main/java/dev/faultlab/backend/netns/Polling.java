package dev.faultlab.backend.netns;

import dev.faultlab.LabException;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for something another process does (an agent's lease, a route sync), checked at a short interval. */
final class Polling {
    private Polling() {
    }

    /** True once {@code condition} holds, false if it still does not after {@code timeout}. */
    static boolean until(BooleanSupplier condition, Duration timeout, Duration interval) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted while waiting for the lab", e);
            }
        }
        return true;
    }
}

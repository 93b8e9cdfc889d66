package dev.faultlab.fault;

import dev.faultlab.LabException;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.concurrent.Callable;

import static org.awaitility.Awaitility.await;

/**
 * Waits, bounded, until a fault's effect is visible in the lab (routes withdrawn, a peer's neighbor entry
 * rewritten), so a scenario drives its clients only once the break exists and never sleeps a guessed time.
 */
public final class FaultEffect {
    private FaultEffect() {
    }

    /** Polls {@code condition} until true; after {@code within} fails with one line naming {@code what}. */
    public static void until(String fault, String what, Duration within, Callable<Boolean> condition) {
        try {
            await().atMost(within).pollInterval(Duration.ofMillis(50)).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new LabException("fault " + fault + " did not take effect within " + within.toSeconds() + " s: "
                    + what + " never happened");
        }
    }
}

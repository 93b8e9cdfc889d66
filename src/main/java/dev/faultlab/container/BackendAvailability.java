package dev.faultlab.container;

import dev.faultlab.backend.Backend;
import dev.faultlab.LabException;

/** A backend's start fails first with its own one-line reason when it cannot run here. */
public final class BackendAvailability {
    private BackendAvailability() {
    }

    public static void require(Backend backend) {
        String reason = backend.unavailableReason();
        if (reason != null) {
            throw new LabException(reason);
        }
    }
}

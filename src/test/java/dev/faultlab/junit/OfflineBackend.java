package dev.faultlab.junit;

import dev.faultlab.backend.Backend;
import dev.faultlab.backend.Cluster;
import dev.faultlab.topology.ClusterSpec;

/** A backend that cannot run here, as netns cannot without root: tests must skip with its reason. */
public final class OfflineBackend implements Backend {
    static final String REASON = "offline is never available: it exists to test skipping";

    @Override
    public String name() {
        return "offline";
    }

    @Override
    public String unavailableReason() {
        return REASON;
    }

    @Override
    public Cluster start(ClusterSpec spec) {
        throw new AssertionError("an unavailable backend must never be asked to start a lab");
    }
}

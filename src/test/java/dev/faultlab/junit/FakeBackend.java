package dev.faultlab.junit;

import dev.faultlab.backend.Backend;
import dev.faultlab.backend.Cluster;
import dev.faultlab.topology.ClusterSpec;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A backend for the extension's own tests: builds {@link FakeCluster}s that run nothing and remember whether
 * they were closed. Registered as a {@code Backend} service in the test class path only.
 */
public final class FakeBackend implements Backend {
    /** Clusters started, for the tests to inspect (tests clear it first; fixtures run one at a time). */
    static final List<FakeCluster> STARTED = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public String unavailableReason() {
        return null;
    }

    @Override
    public Cluster start(ClusterSpec spec) {
        FakeCluster cluster = new FakeCluster(spec);
        STARTED.add(cluster);
        return cluster;
    }
}

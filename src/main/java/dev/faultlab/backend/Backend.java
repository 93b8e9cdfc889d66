package dev.faultlab.backend;

import dev.faultlab.topology.ClusterSpec;

/**
 * Builds clusters. Implementations are ServiceLoader services ({@code META-INF/services/dev.faultlab.backend.Backend})
 * found by {@link #name()}: {@code netns} (the embedded default), {@code docker}, {@code k3s}, {@code kubeconfig}.
 */
public interface Backend {
    String name();

    /**
     * Why this backend cannot run on this machine (e.g. "not root: run as root (sudo ./faultlab ...)"), or null
     * when it can. Tests skip, and the CLI fails, with exactly this line.
     */
    String unavailableReason();

    /** Builds and starts a cluster; on any failure everything already made is removed before the exception. */
    Cluster start(ClusterSpec spec);
}

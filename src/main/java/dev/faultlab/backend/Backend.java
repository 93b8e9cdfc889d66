package dev.faultlab.backend;

import dev.faultlab.LabException;
import dev.faultlab.topology.ClusterSpec;

import java.util.List;

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

    /**
     * This backend with the user's {@code settings} (a kubeconfig, images), leaving this one as it was. A backend
     * the ServiceLoader made reads {@link BackendSettings#fromEnvironment()}; one that needs none returns itself.
     */
    default Backend with(BackendSettings settings) {
        return this;
    }

    /** Builds and starts a cluster; on any failure everything already made is removed before the exception. */
    Cluster start(ClusterSpec spec);

    /** What {@code faultlab doctor --backend NAME} reports; by default whether the backend can run here at all. */
    default List<HostCheck> doctor() {
        String reason = unavailableReason();
        return List.of(new HostCheck("backend " + name(), reason == null, true,
                reason == null ? "available" : reason));
    }

    /**
     * Whether {@link #detach} can leave a lab running after this process exits ({@code faultlab lab up}). Backends
     * whose agents live in the faultlab process cannot.
     */
    default boolean leavesLabsRunning() {
        return false;
    }

    /** Leaves a lab this backend started running after this process exits, if {@link #leavesLabsRunning()}. */
    default void detach(Cluster lab) {
        throw new LabException(cannotLeaveLabsRunning());
    }

    /** The one line {@code lab up} fails with on a backend that cannot leave labs running. */
    default String cannotLeaveLabsRunning() {
        return "the " + name() + " backend cannot leave a lab running after faultlab exits (its agents run inside"
                + " faultlab): use --backend netns, or 'faultlab run' a scenario on " + name();
    }

    /** How a user reaches {@code host} of a running lab by hand, e.g. its network namespace's name. */
    default String handle(Cluster lab, String host) {
        return host;
    }

    /** How to run a command in a host of a running lab by hand, with {@code <host>} standing for the host. */
    default String execHint(Cluster lab) {
        return "";
    }

    /** The labs of this backend on this host (running, detached or stale), for {@code faultlab lab ls}. */
    default List<LabEntry> labs() {
        return List.of();
    }

    /** Removes one lab of this backend, whoever owns it; one line naming the fix if there is none. */
    default List<String> down(String labId) {
        throw new LabException("no lab '" + labId + "' of the " + name() + " backend: 'faultlab lab ls --backend "
                + name() + "' lists the labs there are");
    }

    /** Removes every lab of this backend on this host, detached ones included; returns their ids. */
    default List<String> downAll() {
        return List.of();
    }
}

package dev.faultlab.backend;

/**
 * The per-node agent that programs the datapath: the BGP daemon (kube-router's GoBGP) or the flannel agent.
 * Faults drive it the way the field saw it fail: killed, stopped gracefully, hung, restarted.
 */
public interface NodeAgent {
    /** What it is, e.g. {@code gobgpd} or {@code flanneld}. */
    String kind();

    String node();

    boolean isRunning();

    /** Starts the agent (again); a restarted flannel agent re-registers its lease with the device's current MAC. */
    void start();

    /** SIGTERM: a clean stop (a BGP daemon with graceful restart announces it). */
    void stop();

    /** SIGKILL: the process dies at once, as kube-router did in the field report. */
    void kill();

    /** SIGSTOP: the process hangs; BGP peers notice only when the hold timer expires. */
    void pause();

    /** SIGCONT after {@link #pause()}. */
    void resume();

    /**
     * The agent's own view as JSON for {@code agent.json} in a host-state snapshot: whether it runs, its BGP
     * neighbors and their states, or its lease table (node, pod CIDR, VTEP MAC, underlay IP).
     */
    String stateJson();
}

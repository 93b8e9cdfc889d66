package dev.faultlab.topology;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The BGP speaker the bgp datapath runs on each node. All speak the same iBGP full mesh and are driven the same
 * way (kill, stop, hang, graceful restart); they differ in how fast a session first comes up, which is what
 * bounds a BGP lab's bring-up time, and in what a node's speaker costs.
 */
public enum BgpDaemon {
    /**
     * bird2 (Calico's speaker): connects 1 s after start, so a 4-node lab converges in 1-2.5 s. The lab's
     * default because GoBGP cannot come up in under 5 s.
     */
    BIRD("bird"),
    /**
     * gobgpd, the speaker kube-router embeds: GoBGP 3.x waits a hard-coded random 5-9 s before its first outgoing
     * connect, so a lab converges in 6-10 s.
     */
    GOBGPD("gobgpd"),
    /**
     * faultlab's own BGP-4 speaker, a thread per node in the lab's agent host instead of a process: the same wire
     * protocol and fault semantics at a fraction of the memory and start-up time, for labs of 100 nodes. It is a
     * faithful speaker, not a copy of a daemon: use bird or gobgpd for one daemon's own behaviour.
     */
    EMBEDDED("embedded");

    private final String id;

    BgpDaemon(String id) {
        this.id = id;
    }

    /** The name users type and agent state records, e.g. {@code bird}. */
    public String id() {
        return id;
    }

    public static BgpDaemon fromId(String id) {
        return Arrays.stream(values())
                .filter(d -> d.id.equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown BGP daemon '" + id + "': use one of "
                        + Arrays.stream(values()).map(BgpDaemon::id).collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return id;
    }
}

package dev.faultlab.detect;

/** The stable cause ids findings carry (scenario expectations and users' scripts match on them). */
public final class Causes {
    /** The symptom: SYNs retransmitted without any SYN-ACK. */
    public static final String SYN_UNANSWERED = "syn-unanswered";
    public static final String ROUTE_MISSING = "route-missing";
    public static final String TUNNEL_MTU_BLACKHOLE = "tunnel-mtu-blackhole";
    public static final String VXLAN_STALE_NEIGHBOR = "vxlan-stale-neighbor";
    public static final String LISTEN_OVERFLOW = "listen-overflow";
    public static final String TIMEWAIT_SYN_REJECTED = "timewait-syn-rejected";
    public static final String BRIDGE_NETFILTER_OFF = "bridge-netfilter-off";

    private Causes() {
    }
}

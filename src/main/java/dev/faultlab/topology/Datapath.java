package dev.faultlab.topology;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How pod traffic crosses between nodes; each value is built the way the real CNI builds it. */
public enum Datapath {
    /** flannel's VXLAN backend: flannel.1, VNI 1, UDP 8472, static neighbor and FDB entries per peer. */
    FLANNEL_VXLAN("flannel-vxlan"),
    /** kube-router style: a BGP daemon per node announcing its pod CIDR over an iBGP full mesh. */
    BGP("bgp"),
    /** Calico style: an IP-in-IP tunnel tunl0 between nodes. */
    IPIP("ipip");

    private final String id;

    Datapath(String id) {
        this.id = id;
    }

    /** The name users type and files store, e.g. {@code flannel-vxlan}. */
    public String id() {
        return id;
    }

    public static Datapath fromId(String id) {
        return Arrays.stream(values())
                .filter(d -> d.id.equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown datapath '" + id + "': use one of "
                        + Arrays.stream(values()).map(Datapath::id).collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return id;
    }
}

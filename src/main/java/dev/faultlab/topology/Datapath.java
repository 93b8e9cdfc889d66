package dev.faultlab.topology;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.regex.Pattern;

/**
 * How pod traffic crosses between nodes, by id ({@code flannel-vxlan}). The datapaths themselves are plug-ins
 * ({@code dev.faultlab.datapath.DatapathDefinition} services), so this type holds only the id: a new datapath needs
 * no constant here. The constants name the datapaths faultlab ships, for code that builds specs.
 */
public record Datapath(String id) {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*");

    /** flannel's VXLAN backend: flannel.1, VNI 1, UDP 8472, static neighbor and FDB entries per peer. */
    public static final Datapath FLANNEL_VXLAN = new Datapath("flannel-vxlan");
    /** kube-router style: a BGP daemon per node announcing its pod CIDR over an iBGP full mesh. */
    public static final Datapath BGP = new Datapath("bgp");
    /** Calico style: an IP-in-IP tunnel tunl0 between nodes. */
    public static final Datapath IPIP = new Datapath("ipip");

    public Datapath {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("datapath id '" + id + "' is not usable: use lower-case letters, digits"
                    + " and '-', e.g. flannel-vxlan");
        }
    }

    /** The datapath called {@code id}; whether one is installed is the datapath registry's to say. */
    public static Datapath fromId(String id) {
        return new Datapath(id);
    }

    /** report.json and other JSON show the id users type, as a plain string. */
    @JsonValue
    @Override
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}

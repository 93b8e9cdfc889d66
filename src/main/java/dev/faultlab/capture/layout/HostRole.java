package dev.faultlab.capture.layout;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.faultlab.topology.ClusterLayout;

import java.util.Locale;

/** What a lab host is, which decides the state files worth collecting there (a pod has no FDB or NAT table). */
public enum HostRole {
    NODE, POD, CLIENT;

    /** The role as written in {@code host.json}: {@code node}, {@code pod} or {@code client}. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The role written as {@code id} in a {@code host.json}; null for an id this version does not know, so a
     * reader still uses the rest of the host's state.
     */
    @JsonCreator
    public static HostRole fromId(String id) {
        for (HostRole role : values()) {
            if (role.id().equals(id)) {
                return role;
            }
        }
        return null;
    }

    /** The role of {@code host} in a running lab. */
    public static HostRole of(ClusterLayout layout, String host) {
        if (layout.node(host).isPresent()) {
            return NODE;
        }
        if (layout.pod(host).isPresent()) {
            return POD;
        }
        if (layout.clients().stream().anyMatch(c -> c.name().equals(host))) {
            return CLIENT;
        }
        throw new IllegalArgumentException("unknown host '" + host + "' in lab " + layout.labId() + ": use one of "
                + String.join(", ", LabHosts.names(layout)));
    }
}

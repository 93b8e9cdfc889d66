package dev.faultlab.capture.layout;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One command-backed file of a host-state snapshot.
 *
 * @param name        file name inside the host's directory, e.g. {@code ip-route.json}
 * @param argv        the command whose standard output is the file (run in the host's network namespace)
 * @param roles       the hosts it is collected on
 * @param description what a reader finds in it
 */
public record StateFile(String name, List<String> argv, Set<HostRole> roles, String description) {
    public StateFile {
        argv = List.copyOf(argv);
        roles = Set.copyOf(roles);
    }

    static StateFile everywhere(String name, List<String> argv, String description) {
        return new StateFile(name, argv, EnumSet.allOf(HostRole.class), description);
    }

    static StateFile on(Set<HostRole> roles, String name, List<String> argv, String description) {
        return new StateFile(name, argv, roles, description);
    }

    public boolean collectedOn(HostRole role) {
        return roles.contains(role);
    }
}

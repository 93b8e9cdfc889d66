package dev.faultlab.container;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a lab host lives in a container lab: a container of its own (node, client, gateway), or a network
 * namespace inside its node's container (a pod: an {@code ip netns} namespace on the docker backend, a pod
 * sandbox's namespace on k3s).
 *
 * @param container   the container
 * @param prefix      what runs a command in the host, e.g. {@code ip netns exec pod-1-a}; empty for the container
 * @param netnsInside the host's namespace file as seen inside the container, or null for the container's own
 */
public record HostTarget(ContainerNode container, List<String> prefix, String netnsInside) {
    public HostTarget {
        prefix = List.copyOf(prefix);
    }

    public static HostTarget of(ContainerNode container) {
        return new HostTarget(container, List.of(), null);
    }

    /** A namespace made by {@code ip netns add name} in the container. */
    public static HostTarget ipNetns(ContainerNode container, String name) {
        return new HostTarget(container, List.of("ip", "netns", "exec", name), "/run/netns/" + name);
    }

    /** The namespace of process {@code pid} (in the container's pid namespace), entered with nsenter. */
    public static HostTarget processNetns(ContainerNode container, long pid) {
        String file = "/proc/" + pid + "/ns/net";
        return new HostTarget(container, List.of("nsenter", "--net=" + file), file);
    }

    /** The command that runs {@code argv} in this host. */
    public List<String> command(List<String> argv) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(argv);
        return command;
    }

    /** The host's network namespace as a file on this machine, for setns (live captures). */
    public Path netnsFile() {
        return netnsInside == null ? container.netnsFile() : container.rootPath(netnsInside);
    }
}

package dev.faultlab.backend.container;

import dev.faultlab.backend.nodenet.PodNetwork;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a lab host lives in a container lab: a container of its own (node, client, gateway), or a network
 * namespace inside its node's container (a pod).
 *
 * @param container    the container
 * @param podNamespace the pod's namespace inside it, or null for the container itself
 */
public record HostTarget(ContainerNode container, String podNamespace) {
    public static HostTarget of(ContainerNode container) {
        return new HostTarget(container, null);
    }

    /** The command that runs {@code argv} in this host. */
    public List<String> command(List<String> argv) {
        return podNamespace == null ? argv : PodNetwork.inPod(podNamespace, argv);
    }

    /** The host's network namespace as a file for setns (live captures). */
    public Path netnsFile() {
        return podNamespace == null ? container.netnsFile() : container.netnsFile(podNamespace);
    }
}

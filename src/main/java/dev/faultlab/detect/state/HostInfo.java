package dev.faultlab.detect.state;

import java.util.List;

/**
 * A host's identity from {@code host.json}; every field may be null (or empty) when the snapshot did not know it.
 *
 * @param name       host name (lab name such as {@code node-2}, or a real node's hostname)
 * @param role       {@code node}, {@code pod} or {@code client}
 * @param node       for a pod, the node it runs on
 * @param underlayIp the host's address on the underlay network
 * @param podCidr    for a node, the pod CIDR it owns
 * @param addresses  all addresses of the host
 */
public record HostInfo(String name, String role, String node, String underlayIp, String podCidr,
                       List<String> addresses) {
    public HostInfo {
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }

    public boolean isNode() {
        return "node".equals(role);
    }
}

package dev.faultlab.capture.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.faultlab.topology.ClientInfo;
import dev.faultlab.topology.ClusterLayout;
import dev.faultlab.topology.NodeInfo;

import java.util.List;

/**
 * The {@code host.json} of a snapshot: who the host is in the lab, so a reader can tie addresses in a capture
 * to nodes and pods without the lab's layout.
 *
 * @param name       the host's lab name (or a real node's hostname)
 * @param role       {@code node}, {@code pod} or {@code client}
 * @param node       the node a pod runs on; null otherwise
 * @param underlayIp a node's underlay address
 * @param podCidr    a node's pod subnet
 * @param addresses  the host's lab addresses
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HostDescription(String name, HostRole role, String node, String underlayIp, String podCidr,
                              List<String> addresses) {
    public HostDescription {
        addresses = List.copyOf(addresses);
    }

    /** Describes {@code host} from the running lab's layout. */
    public static HostDescription of(ClusterLayout layout, String host) {
        HostRole role = HostRole.of(layout, host);
        return layout.node(host).map(n -> ofNode(n, role))
                .or(() -> layout.pod(host).map(p -> new HostDescription(host, role, p.node(), null, null,
                        List.of(p.ip()))))
                .orElseGet(() -> new HostDescription(host, role, null, null, null,
                        layout.clients().stream().filter(c -> c.name().equals(host)).map(ClientInfo::ip).toList()));
    }

    private static HostDescription ofNode(NodeInfo node, HostRole role) {
        return new HostDescription(node.name(), role, null, node.underlayIp(), node.podCidr(),
                List.of(node.underlayIp()));
    }
}

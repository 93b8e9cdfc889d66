package dev.faultlab.capture.layout;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.faultlab.topology.ClientInfo;
import dev.faultlab.topology.ClusterLayout;
import dev.faultlab.topology.NodeInfo;

import java.util.List;

/**
 * The {@code host.json} of a snapshot: who the host is, so a reader can tie addresses in a capture to nodes and
 * pods. The lab's collector writes it from the lab's layout; {@code ci/collect-node-state.sh} writes the same
 * fields from the node itself, and the detect side reads it back through this record. Every field but the name
 * may be absent.
 *
 * @param name          the host's lab name (or a real node's name)
 * @param role          {@code node}, {@code pod} or {@code client}
 * @param node          the node a pod runs on; null otherwise
 * @param underlayIp    a node's underlay address (the one peers tunnel or route to)
 * @param podCidr       a node's pod subnet
 * @param podCidrSource where {@code podCidr} was found: {@code lab} (the lab's layout), or on a real node
 *                      {@code kubectl} (the Node object), {@code subnet.env} (flannel), {@code cni0} (its address)
 *                      or {@code routes} (a blackhole or bridge route), because a guess is worth less than the
 *                      Node object when a route-missing finding rests on it
 * @param addresses     the host's addresses (without prefix length)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record HostDescription(String name, HostRole role, String node, String underlayIp, String podCidr,
                              String podCidrSource, List<String> addresses) {
    /** {@link #podCidrSource} of a lab host: the lab planned the CIDR itself. */
    public static final String FROM_LAB = "lab";

    public HostDescription {
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }

    /** Describes {@code host} from the running lab's layout. */
    public static HostDescription of(ClusterLayout layout, String host) {
        HostRole role = HostRole.of(layout, host);
        return layout.node(host).map(n -> ofNode(n, role))
                .or(() -> layout.pod(host).map(p -> new HostDescription(host, role, p.node(), null, null, null,
                        List.of(p.ip()))))
                .orElseGet(() -> new HostDescription(host, role, null, null, null, null,
                        layout.clients().stream().filter(c -> c.name().equals(host)).map(ClientInfo::ip).toList()));
    }

    private static HostDescription ofNode(NodeInfo node, HostRole role) {
        return new HostDescription(node.name(), role, null, node.underlayIp(), node.podCidr(), FROM_LAB,
                List.of(node.underlayIp()));
    }
}

package dev.faultlab.workload;

import dev.faultlab.topology.ClientInfo;
import dev.faultlab.topology.ClusterLayout;
import dev.faultlab.topology.NodeInfo;
import dev.faultlab.topology.PodInfo;
import dev.faultlab.topology.ServiceInfo;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns the target names scenario files use into {@code IP:PORT} for a running lab, so files never hard-code
 * addresses and stay valid on every backend:
 * <ul>
 *   <li>{@code pod-3-a:8080} - a host (pod, node or client) by name, and a port;</li>
 *   <li>{@code service/dns} - a service's ClusterIP and port;</li>
 *   <li>{@code nodeport/web@node-1} - a node's underlay address and the service's node port.</li>
 * </ul>
 */
public final class Endpoints {
    private static final Pattern HOST_PORT = Pattern.compile("([a-z0-9-]+):(\\d+)");
    private static final Pattern SERVICE = Pattern.compile("service/([a-z0-9-]+)");
    private static final Pattern NODE_PORT = Pattern.compile("nodeport/([a-z0-9-]+)@([a-z0-9-]+)");

    private Endpoints() {
    }

    public static String resolve(String target, ClusterLayout layout) {
        Matcher m = HOST_PORT.matcher(target);
        if (m.matches()) {
            return hostIp(m.group(1), layout) + ":" + m.group(2);
        }
        m = SERVICE.matcher(target);
        if (m.matches()) {
            ServiceInfo service = service(m.group(1), layout);
            return service.clusterIp() + ":" + service.port();
        }
        m = NODE_PORT.matcher(target);
        if (m.matches()) {
            ServiceInfo service = service(m.group(1), layout);
            if (service.nodePort() == 0) {
                throw new IllegalArgumentException("target '" + target + "': service " + service.name()
                        + " has no nodePort: add nodePort to the service in the scenario's cluster section");
            }
            return nodeIp(m.group(2), layout) + ":" + service.nodePort();
        }
        throw new IllegalArgumentException("target '" + target
                + "' is not HOST:PORT, service/NAME or nodeport/NAME@NODE");
    }

    /** A host's address: a pod's IP, a node's underlay IP or a client's IP. */
    public static String hostIp(String host, ClusterLayout layout) {
        return Stream.of(
                        layout.pod(host).map(PodInfo::ip),
                        layout.node(host).map(NodeInfo::underlayIp),
                        layout.clients().stream().filter(c -> c.name().equals(host)).findFirst().map(ClientInfo::ip))
                .flatMap(Optional::stream).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no host '" + host + "' in lab " + layout.labId()
                        + ": use a node, pod or client name of the scenario's cluster"));
    }

    private static String nodeIp(String node, ClusterLayout layout) {
        return layout.node(node).map(NodeInfo::underlayIp).orElseThrow(() -> new IllegalArgumentException(
                "no node '" + node + "' in lab " + layout.labId()));
    }

    private static ServiceInfo service(String name, ClusterLayout layout) {
        return layout.service(name).orElseThrow(() -> new IllegalArgumentException("no service '" + name
                + "' in lab " + layout.labId() + ": declare it in the scenario's cluster.services"));
    }
}

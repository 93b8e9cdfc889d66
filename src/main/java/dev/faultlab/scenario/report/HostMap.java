package dev.faultlab.scenario.report;

import dev.faultlab.topology.ClusterLayout;
import dev.faultlab.topology.NodeInfo;
import dev.faultlab.topology.ServiceInfo;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which lab host an address or a capture file belongs to, from the lab's {@link ClusterLayout}: underlay and
 * pod addresses, each node's pod-CIDR gateway ({@code .1} on cni0) and tunnel address ({@code .0}), and the
 * underlay gateway. Also gives hosts their left-to-right order in diagrams: clients, nodes, then pods.
 */
final class HostMap {
    /** The underlay gateway namespace every lab has (see the contract's addressing). */
    static final String GATEWAY = "gateway";
    private static final String GATEWAY_IP = "192.168.100.1";

    private final Map<String, String> hostByAddress;
    private final Map<String, String> podByServiceEndpoint;
    private final List<String> hostOrder;

    private HostMap(Map<String, String> hostByAddress, Map<String, String> podByServiceEndpoint,
                    List<String> hostOrder) {
        this.hostByAddress = Map.copyOf(hostByAddress);
        this.podByServiceEndpoint = Map.copyOf(podByServiceEndpoint);
        this.hostOrder = List.copyOf(hostOrder);
    }

    public static HostMap of(ClusterLayout layout) {
        Map<String, String> byAddress = new HashMap<>();
        layout.clients().forEach(c -> byAddress.put(c.ip(), c.name()));
        for (NodeInfo node : layout.nodes()) {
            byAddress.put(node.underlayIp(), node.name());
            String prefix = cidrPrefix(node.podCidr());
            if (prefix != null) {
                byAddress.put(prefix + ".0", node.name());
                byAddress.put(prefix + ".1", node.name());
            }
        }
        layout.pods().forEach(p -> byAddress.put(p.ip(), p.name()));
        byAddress.putIfAbsent(GATEWAY_IP, GATEWAY);
        List<String> order = Stream.of(
                        layout.clients().stream().map(c -> c.name()),
                        Stream.of(GATEWAY),
                        layout.nodes().stream().map(NodeInfo::name),
                        layout.pods().stream().map(p -> p.name()))
                .flatMap(s -> s).toList();
        return new HostMap(byAddress, singleEndpointServices(layout), order);
    }

    /**
     * {@code ClusterIP:port} and {@code nodeIP:nodePort} of every service with exactly one endpoint, to that pod:
     * where kube-proxy's DNAT sends a packet addressed to the service, even when no capture saw it there.
     */
    private static Map<String, String> singleEndpointServices(ClusterLayout layout) {
        Map<String, String> pods = new HashMap<>();
        for (ServiceInfo service : layout.services()) {
            if (service.endpoints().size() != 1) {
                continue;
            }
            String pod = service.endpoints().get(0);
            pods.put(service.clusterIp() + ":" + service.port(), pod);
            if (service.nodePort() > 0) {
                layout.nodes().forEach(n -> pods.put(n.underlayIp() + ":" + service.nodePort(), pod));
            }
        }
        return pods;
    }

    /** The host owning {@code address}, if it is a lab host's (a ClusterIP or NodePort VIP is not). */
    public Optional<String> host(String address) {
        return Optional.ofNullable(hostByAddress.get(address));
    }

    /**
     * The host an endpoint stands for: the pod behind a single-endpoint service's ClusterIP or NodePort (in
     * either direction, as replies come from the service address), else the host owning the address.
     */
    public Optional<String> endpoint(String address, int port) {
        return Optional.ofNullable(podByServiceEndpoint.get(address + ":" + port)).or(() -> host(address));
    }

    /**
     * The host a capture file was taken in, by its name: runs name files {@code <host>-<device>.pcapng}, and
     * host names contain dashes themselves, so the longest host name the file name starts with wins.
     */
    public Optional<String> captureHost(Path captureFile) {
        String name = captureFile.getFileName().toString();
        return hostOrder.stream()
                .filter(h -> name.startsWith(h) && name.length() > h.length()
                        && "-_.".indexOf(name.charAt(h.length())) >= 0)
                .max(Comparator.comparingInt(String::length));
    }

    /** Position of a host in diagrams (clients left, pods right); unknown hosts go last. */
    public int rank(String host) {
        int i = hostOrder.indexOf(host);
        return i < 0 ? hostOrder.size() : i;
    }

    private static String cidrPrefix(String cidr) {
        if (cidr == null || !cidr.endsWith(".0/24")) {
            return null;
        }
        return cidr.substring(0, cidr.length() - ".0/24".length());
    }
}

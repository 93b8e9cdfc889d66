package dev.faultlab.topology;

import java.util.List;

/**
 * A Service to program on every node, kube-proxy style (iptables mode).
 *
 * @param name       service name
 * @param protocol   {@code tcp} or {@code udp}
 * @param port       service (ClusterIP) port
 * @param targetPort port the endpoint pods listen on
 * @param nodePort   node port (30000-32767), or 0 for a ClusterIP-only service
 * @param policy     external traffic policy for NodePort traffic
 * @param endpoints  names of the pods backing it
 */
public record ServiceSpec(String name, String protocol, int port, int targetPort, int nodePort,
                          ExternalTrafficPolicy policy, List<String> endpoints) {
    public ServiceSpec {
        endpoints = List.copyOf(endpoints);
    }

    public static ServiceSpec clusterIp(String name, String protocol, int port, int targetPort, List<String> endpoints) {
        return new ServiceSpec(name, protocol, port, targetPort, 0, ExternalTrafficPolicy.CLUSTER, endpoints);
    }

    public ServiceSpec withNodePort(int nodePort, ExternalTrafficPolicy policy) {
        return new ServiceSpec(name, protocol, port, targetPort, nodePort, policy, endpoints);
    }
}

package dev.faultlab.topology;

import java.util.List;

/**
 * A Service as kube-proxy (iptables mode) programs it on every node.
 *
 * @param name      service name
 * @param clusterIp virtual IP, e.g. {@code 10.96.0.10}
 * @param port      service port
 * @param nodePort  node port, or 0 for ClusterIP only
 * @param protocol  {@code tcp} or {@code udp}
 * @param policy    external traffic policy for NodePort traffic
 * @param endpoints pod names backing the service
 * @param targetPort port the pods listen on
 */
public record ServiceInfo(String name, String clusterIp, int port, int nodePort, String protocol,
                          ExternalTrafficPolicy policy, List<String> endpoints, int targetPort) {
    public ServiceInfo {
        endpoints = List.copyOf(endpoints);
    }
}

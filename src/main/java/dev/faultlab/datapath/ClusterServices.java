package dev.faultlab.datapath;

import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.ServiceInfo;
import dev.faultlab.topology.ServiceSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The services of a lab as kube-proxy programs them, shared by every backend that programs kube-proxy's rules
 * itself (netns, docker): ClusterIPs {@code 10.96.0.10}, {@code .11}, ... in spec order, endpoints checked against
 * the lab's pods, node ports checked against Kubernetes' range.
 */
public final class ClusterServices {
    /** Pod CIDR of the whole cluster (kube-proxy's --cluster-cidr). */
    public static final String CLUSTER_CIDR = "10.244.0.0/16";

    private ClusterServices() {
    }

    public static List<ServiceInfo> assign(ClusterSpec spec, Set<String> pods) {
        List<ServiceInfo> services = new ArrayList<>();
        for (int k = 0; k < spec.services().size(); k++) {
            ServiceSpec s = spec.services().get(k);
            for (String ep : s.endpoints()) {
                if (!pods.contains(ep)) {
                    throw new IllegalArgumentException("service " + s.name() + " names endpoint '" + ep
                            + "', which is not a pod of this cluster: use pod-<node>-<letter> names");
                }
            }
            if (s.nodePort() != 0 && (s.nodePort() < 30000 || s.nodePort() > 32767)) {
                throw new IllegalArgumentException("service " + s.name() + " has nodePort " + s.nodePort()
                        + ": use 30000-32767");
            }
            services.add(new ServiceInfo(s.name(), "10.96.0." + (10 + k), s.port(), s.nodePort(), s.protocol(),
                    s.policy(), s.endpoints(), s.targetPort()));
        }
        return services;
    }
}

package dev.faultlab.backend.k3s;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The CNI config k3s's bundled plugins read when flannel is off: a {@code cni0} bridge that is the pods' gateway,
 * host-local addresses from the node's podCIDR, no masquerade (kube-proxy's rules do the SNAT).
 */
final class BridgeCniConfig {
    /** Where k3s's containerd looks for CNI configs. */
    static final String PATH = "/var/lib/rancher/k3s/agent/etc/cni/net.d/10-faultlab.conflist";

    private BridgeCniConfig() {
    }

    static String forPodCidr(String podCidr) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = json.createObjectNode().put("cniVersion", "1.0.0").put("name", "faultlab");
        ObjectNode bridge = config.putArray("plugins").addObject().put("type", "bridge").put("bridge", "cni0")
                .put("isGateway", true).put("ipMasq", false).put("hairpinMode", true);
        ObjectNode ipam = bridge.putObject("ipam").put("type", "host-local");
        ipam.putArray("ranges").addArray().addObject().put("subnet", podCidr);
        ipam.putArray("routes").addObject().put("dst", "0.0.0.0/0");
        return config.toPrettyString();
    }
}

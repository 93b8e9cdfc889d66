package dev.faultlab.backend.kube;

import dev.faultlab.topology.Datapath;
import io.fabric8.kubernetes.api.model.Node;

import java.util.Map;
import java.util.Optional;

/**
 * Pod routes announced over BGP without a tunnel: kube-router (its {@code kube-router.io/} node annotations), or
 * Calico with neither an IPIP nor a VXLAN tunnel address on the node.
 */
public final class BgpCni implements KubeCni {
    private static final String KUBE_ROUTER_PREFIX = "kube-router.io/";
    private static final String CALICO_ADDRESS = "projectcalico.org/IPv4Address";
    private static final String CALICO_VXLAN_ADDRESS = "projectcalico.org/IPv4VXLANTunnelAddr";

    @Override
    public Datapath datapath() {
        return Datapath.BGP;
    }

    @Override
    public String describe() {
        return "BGP-routed pods (kube-router, or Calico without encapsulation)";
    }

    @Override
    public Optional<String> shownBy(Node node) {
        Map<String, String> annotations = KubeCni.annotations(node);
        Optional<String> kubeRouter = annotations.keySet().stream().filter(k -> k.startsWith(KUBE_ROUTER_PREFIX))
                .sorted().findFirst().map(k -> k + "=" + annotations.get(k));
        if (kubeRouter.isPresent()) {
            return kubeRouter;
        }
        boolean calicoUnencapsulated = annotations.containsKey(CALICO_ADDRESS)
                && !annotations.containsKey(CalicoIpipCni.IPIP_TUNNEL_ADDRESS)
                && !annotations.containsKey(CALICO_VXLAN_ADDRESS);
        return calicoUnencapsulated ? Optional.of(CALICO_ADDRESS + "=" + annotations.get(CALICO_ADDRESS)
                + " without a tunnel address") : Optional.empty();
    }
}

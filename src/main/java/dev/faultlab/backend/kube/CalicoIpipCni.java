package dev.faultlab.backend.kube;

import dev.faultlab.topology.Datapath;
import io.fabric8.kubernetes.api.model.Node;

import java.util.Optional;

/** Calico in IP-in-IP mode: calico-node annotates each node with the address of its {@code tunl0}. */
public final class CalicoIpipCni implements KubeCni {
    static final String IPIP_TUNNEL_ADDRESS = "projectcalico.org/IPv4IPIPTunnelAddr";

    @Override
    public Datapath datapath() {
        return Datapath.IPIP;
    }

    @Override
    public String describe() {
        return "Calico (IP-in-IP)";
    }

    @Override
    public Optional<String> shownBy(Node node) {
        String address = KubeCni.annotations(node).get(IPIP_TUNNEL_ADDRESS);
        return address == null ? Optional.empty() : Optional.of(IPIP_TUNNEL_ADDRESS + "=" + address);
    }
}

package dev.faultlab.backend.kube;

import dev.faultlab.kubelab.NodeDiscovery;
import dev.faultlab.topology.Datapath;
import io.fabric8.kubernetes.api.model.Node;

import java.util.Optional;

/** flannel with its VXLAN backend: flanneld annotates each node with {@code backend-type: vxlan}. */
public final class FlannelVxlanCni implements KubeCni {
    @Override
    public Datapath datapath() {
        return Datapath.FLANNEL_VXLAN;
    }

    @Override
    public String describe() {
        return "flannel (vxlan backend)";
    }

    @Override
    public Optional<String> shownBy(Node node) {
        String type = KubeCni.annotations(node).get(NodeDiscovery.BACKEND_TYPE);
        return "vxlan".equals(type) ? Optional.of(NodeDiscovery.BACKEND_TYPE + "=" + type) : Optional.empty();
    }
}

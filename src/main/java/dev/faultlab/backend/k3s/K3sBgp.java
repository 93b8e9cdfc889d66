package dev.faultlab.backend.k3s;

import dev.faultlab.backend.NodeAgent;
import dev.faultlab.backend.BackendSettings;
import dev.faultlab.kubelab.SignalledProcessAgent;
import dev.faultlab.topology.Datapath;
import dev.faultlab.topology.NodeInfo;

import java.util.List;
import java.util.function.Function;

/**
 * kube-router style BGP on k3s: flannel off, the bridge CNI with each node's podCIDR, and kube-router announcing
 * pod CIDRs over iBGP. The image ({@code FAULTLAB_KUBE_ROUTER_IMAGE}) is imported from the local Docker.
 */
public final class K3sBgp implements K3sDatapath {
    static final String DEFAULT_IMAGE = "docker.io/cloudnativelabs/kube-router:v2.5.0";

    @Override
    public Datapath datapath() {
        return Datapath.BGP;
    }

    @Override
    public List<String> serverFlags() {
        return List.of("--flannel-backend=none", "--disable-network-policy");
    }

    @Override
    public List<String> images(BackendSettings settings) {
        return List.of(image(settings));
    }

    @Override
    public Function<String, NodeAgent> configure(K3sNodes nodes) {
        for (NodeInfo node : nodes.nodes()) {
            nodes.containers().get(node.name()).write(BridgeCniConfig.PATH, BridgeCniConfig.forPodCidr(node.podCidr()));
        }
        KubeRouterManifests.all(image(nodes.settings())).forEach(object -> nodes.client().resource(object).serverSideApply());
        return node -> new SignalledProcessAgent(node, KubeRouterManifests.NAME, nodes.shell(node), nodes.client(),
                KubeRouterManifests.NAMESPACE, KubeRouterManifests.LABELS, node);
    }

    private static String image(BackendSettings settings) {
        return BackendSettings.chosenOr(settings.kubeRouterImage(), DEFAULT_IMAGE);
    }
}

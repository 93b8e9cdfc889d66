package dev.faultlab.backend.k3s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;

import java.util.List;
import java.util.Map;

/**
 * kube-router as the bgp datapath's routing daemon, as in the field report: router only (no firewall, no service
 * proxy: kube-proxy stays in iptables mode), iBGP full mesh announcing each node's podCIDR, graceful restart off so
 * a killed daemon's routes are withdrawn at once.
 */
final class KubeRouterManifests {
    static final String NAME = "kube-router";
    static final String NAMESPACE = "kube-system";
    static final Map<String, String> LABELS = Map.of("k8s-app", NAME, "app.kubernetes.io/managed-by", "faultlab");

    private KubeRouterManifests() {
    }

    static List<HasMetadata> all(String image) {
        return List.of(
                new ServiceAccountBuilder().withNewMetadata().withName(NAME).withNamespace(NAMESPACE)
                        .withLabels(LABELS).endMetadata().build(),
                new ClusterRoleBuilder().withNewMetadata().withName(NAME).withLabels(LABELS).endMetadata()
                        .addNewRule().withApiGroups("").withResources("namespaces", "pods", "services", "nodes",
                                "endpoints").withVerbs("get", "list", "watch").endRule()
                        .addNewRule().withApiGroups("").withResources("nodes").withVerbs("patch", "update").endRule()
                        .addNewRule().withApiGroups("discovery.k8s.io").withResources("endpointslices")
                        .withVerbs("get", "list", "watch").endRule()
                        .addNewRule().withApiGroups("networking.k8s.io").withResources("networkpolicies")
                        .withVerbs("list", "watch").endRule()
                        .build(),
                new ClusterRoleBindingBuilder().withNewMetadata().withName(NAME).withLabels(LABELS).endMetadata()
                        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole")
                        .withName(NAME).endRoleRef()
                        .addNewSubject().withKind("ServiceAccount").withName(NAME).withNamespace(NAMESPACE)
                        .endSubject().build(),
                daemonSet(image));
    }

    static io.fabric8.kubernetes.api.model.apps.DaemonSet daemonSet(String image) {
        return new DaemonSetBuilder().withNewMetadata().withName(NAME).withNamespace(NAMESPACE).withLabels(LABELS)
                .endMetadata()
                .withNewSpec().withNewSelector().withMatchLabels(LABELS).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(LABELS).endMetadata()
                .withNewSpec().withServiceAccountName(NAME).withHostNetwork(true)
                .addNewToleration().withOperator("Exists").endToleration()
                .addNewContainer().withName(NAME).withImage(image).withImagePullPolicy("IfNotPresent")
                .withArgs("--run-router=true", "--run-firewall=false", "--run-service-proxy=false",
                        "--enable-cni=false", "--enable-ibgp=true", "--enable-overlay=false",
                        "--advertise-pod-cidr=true", "--bgp-graceful-restart=false")
                .addNewEnv().withName("NODE_NAME").withNewValueFrom().withNewFieldRef().withFieldPath("spec.nodeName")
                .endFieldRef().endValueFrom().endEnv()
                .withNewSecurityContext().withPrivileged(true).endSecurityContext()
                .endContainer().endSpec().endTemplate().endSpec().build();
    }
}

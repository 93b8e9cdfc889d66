package dev.faultlab.kubelab;

import dev.faultlab.topology.ExternalTrafficPolicy;
import dev.faultlab.topology.ServiceSpec;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Kubernetes objects a lab creates on a cluster, all in namespace {@code faultlab-<labId>} and labelled with the
 * lab id, so deleting that namespace removes everything (see {@link KubeLab#close()}). Shared by the kubeconfig and
 * k3s backends.
 *
 * @param labId      the lab id
 * @param agentImage image of the node agent (iproute2, iptables, conntrack, tcpdump; {@code images/agent})
 */
public record LabManifests(String labId, String agentImage) {
    /** Nodes a lab may use carry this label with value {@code true}. */
    public static final String NODE_LABEL = "faultlab.dev/lab";
    public static final String LAB_ID_LABEL = "faultlab.dev/lab-id";
    public static final String ROLE_LABEL = "faultlab.dev/role";
    public static final String AGENT = "faultlab-agent";
    private static final String MANAGED_BY = "app.kubernetes.io/managed-by";

    public String namespace() {
        return "faultlab-" + labId;
    }

    public Namespace labNamespace() {
        return new NamespaceBuilder().withNewMetadata().withName(namespace()).withLabels(labels("lab"))
                .endMetadata().build();
    }

    /**
     * The node agent: one privileged pod per labelled node in the node's network and pid namespaces (hostNetwork,
     * hostPID), so it can program the datapath, join pods' namespaces with nsenter, capture and snapshot.
     */
    public DaemonSet agentDaemonSet() {
        return new DaemonSetBuilder()
                .withNewMetadata().withName(AGENT).withNamespace(namespace()).withLabels(labels("agent")).endMetadata()
                .withNewSpec()
                .withNewSelector().withMatchLabels(Map.of(LAB_ID_LABEL, labId, ROLE_LABEL, "agent")).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(labels("agent")).endMetadata()
                .withNewSpec()
                .withHostNetwork(true).withHostPID(true)
                .withNodeSelector(Map.of(NODE_LABEL, "true"))
                .addNewToleration().withOperator("Exists").endToleration()
                .withTerminationGracePeriodSeconds(1L)
                .addNewContainer().withName("agent").withImage(agentImage).withImagePullPolicy("IfNotPresent")
                .withCommand("sleep", "infinity")
                .withNewSecurityContext().withPrivileged(true).endSecurityContext()
                .endContainer()
                .endSpec().endTemplate().endSpec().build();
    }

    /**
     * A lab pod pinned to {@code nodeName}, labelled for each service it backs. Its container idles: the pod is a
     * network namespace the workload binary runs in through the agent (nsenter), as on every other backend.
     */
    public Pod workloadPod(String name, String nodeName, String image, List<ServiceSpec> services) {
        Map<String, String> podLabels = new HashMap<>(labels("pod"));
        services.stream().filter(s -> s.endpoints().contains(name)).forEach(s -> podLabels.put(serviceLabel(s), "true"));
        return idlePod(name, nodeName, image, podLabels);
    }

    /**
     * A scenario's client (a host outside the cluster) as an idle pod of its own pinned to {@code nodeName}: the
     * workload binary runs in its network namespace through the agent, as in a lab pod's. It backs no service.
     */
    public Pod clientPod(String name, String nodeName, String image) {
        return idlePod(name, nodeName, image, labels("client"));
    }

    private Pod idlePod(String name, String nodeName, String image, Map<String, String> podLabels) {
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace()).withLabels(podLabels).endMetadata()
                .withNewSpec().withNodeName(nodeName).withTerminationGracePeriodSeconds(1L)
                .addNewContainer().withName("pod").withImage(image).withImagePullPolicy("IfNotPresent")
                .withCommand("sleep", "infinity").endContainer()
                .endSpec().build();
    }

    /** A Service selecting its endpoint pods; NodePort with the spec's externalTrafficPolicy when it has a node port. */
    public Service service(ServiceSpec spec) {
        boolean nodePort = spec.nodePort() > 0;
        return new ServiceBuilder()
                .withNewMetadata().withName(spec.name()).withNamespace(namespace()).withLabels(labels("service"))
                .endMetadata()
                .withNewSpec()
                .withType(nodePort ? "NodePort" : "ClusterIP")
                .withSelector(Map.of(LAB_ID_LABEL, labId, serviceLabel(spec), "true"))
                .addNewPort().withName(spec.protocol().toLowerCase(Locale.ROOT))
                .withProtocol(spec.protocol().toUpperCase(Locale.ROOT)).withPort(spec.port())
                .withNewTargetPort(spec.targetPort()).withNodePort(nodePort ? spec.nodePort() : null).endPort()
                .withExternalTrafficPolicy(nodePort ? policy(spec.policy()) : null)
                .endSpec().build();
    }

    private static String policy(ExternalTrafficPolicy policy) {
        return policy == ExternalTrafficPolicy.LOCAL ? "Local" : "Cluster";
    }

    private static String serviceLabel(ServiceSpec service) {
        return "faultlab.dev/svc-" + service.name();
    }

    private Map<String, String> labels(String role) {
        return Map.of(LAB_ID_LABEL, labId, ROLE_LABEL, role, MANAGED_BY, "faultlab");
    }
}

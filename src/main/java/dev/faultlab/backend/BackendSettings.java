package dev.faultlab.backend;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * What a user may choose for the backends that need more than a name: the kubeconfig of an existing cluster and
 * the images the container backends run. One immutable value, handed to a backend by {@link Backend#with}; the CLI
 * builds it from its flags over {@link #fromEnvironment()}, a JUnit lab from the environment alone. An image left
 * null means the backend's own default, which only the backend knows.
 *
 * @param kubeconfig      kubeconfig of the cluster the {@code kubeconfig} backend drives
 * @param stateDir        where the {@code netns} backend keeps its labs' records, or null for its default
 * @param k3sImage        the k3s image in the local Docker ({@code k3s}), or null
 * @param kubeRouterImage kube-router's image for a k3s bgp lab, or null
 * @param nodeImage       the node, pod and client image of the container backends, or null
 * @param agentImage      the per-node agent image of the {@code kubeconfig} backend, or null
 */
public record BackendSettings(Path kubeconfig, Path stateDir, String k3sImage, String kubeRouterImage, String nodeImage,
                              String agentImage) {
    public BackendSettings {
        k3sImage = unlessBlank(k3sImage);
        kubeRouterImage = unlessBlank(kubeRouterImage);
        nodeImage = unlessBlank(nodeImage);
        agentImage = unlessBlank(agentImage);
    }

    /**
     * From the environment variables README lists: {@code KUBECONFIG} (else {@code ~/.kube/config}, as kubectl
     * does), {@code FAULTLAB_STATE_DIR}, {@code FAULTLAB_K3S_IMAGE}, {@code FAULTLAB_KUBE_ROUTER_IMAGE}, {@code FAULTLAB_NODE_IMAGE} and
     * {@code FAULTLAB_AGENT_IMAGE}.
     */
    public static BackendSettings fromEnvironment() {
        return from(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    static BackendSettings from(Map<String, String> environment, Path home) {
        Function<String, String> env = name -> unlessBlank(environment.get(name));
        String kubeconfig = env.apply("KUBECONFIG");
        String stateDir = env.apply("FAULTLAB_STATE_DIR");
        return new BackendSettings(kubeconfig != null ? Path.of(kubeconfig) : home.resolve(".kube").resolve("config"),
                stateDir != null ? Path.of(stateDir) : null,
                env.apply("FAULTLAB_K3S_IMAGE"), env.apply("FAULTLAB_KUBE_ROUTER_IMAGE"),
                env.apply("FAULTLAB_NODE_IMAGE"), env.apply("FAULTLAB_AGENT_IMAGE"));
    }

    public BackendSettings withKubeconfig(Path file) {
        return new BackendSettings(file.toAbsolutePath(), stateDir, k3sImage, kubeRouterImage, nodeImage, agentImage);
    }

    public BackendSettings withK3sImage(String image) {
        return new BackendSettings(kubeconfig, stateDir, image, kubeRouterImage, nodeImage, agentImage);
    }

    public BackendSettings withStateDir(Path dir) {
        return new BackendSettings(kubeconfig, dir.toAbsolutePath(), k3sImage, kubeRouterImage, nodeImage, agentImage);
    }

    /** {@code image}, or {@code fallback} (the backend's default) when it was not chosen. */
    public static String chosenOr(String image, String fallback) {
        return image != null ? image : fallback;
    }

    private static String unlessBlank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

package dev.faultlab.backend.k3s;

import dev.faultlab.backend.BackendSettings;
import dev.faultlab.backend.Cluster;
import dev.faultlab.container.BackendAvailability;
import dev.faultlab.container.ContainerBackend;
import dev.faultlab.container.DockerEnvironment;
import dev.faultlab.container.NodeImage;
import dev.faultlab.topology.ClusterSpec;

/**
 * Real Kubernetes in containers: a k3s server and agents (Testcontainers) on the lab's underlay network. Needs
 * Docker, the k3s image in the local Docker ({@code --k3s-image} or {@code FAULTLAB_K3S_IMAGE}, see
 * {@link BackendSettings}) and the node image (pods, pause, clients); nothing is pulled at test time.
 */
public final class K3sBackend implements ContainerBackend {
    public static final String DEFAULT_IMAGE = "rancher/k3s:v1.31.5-k3s1";

    private final BackendSettings settings;

    public K3sBackend() {
        this(BackendSettings.fromEnvironment());
    }

    private K3sBackend(BackendSettings settings) {
        this.settings = settings;
    }

    @Override
    public K3sBackend with(BackendSettings settings) {
        return new K3sBackend(settings);
    }

    @Override
    public String name() {
        return "k3s";
    }

    @Override
    public String unavailableReason() {
        String dockerAndNodeImage = NodeImage.unavailableReason(NodeImage.name(settings));
        if (dockerAndNodeImage != null) {
            return dockerAndNodeImage;
        }
        String image = image();
        if (!DockerEnvironment.hasImage(image)) {
            return "k3s image " + image + " not in the local Docker: 'docker pull " + image + "' where a registry is"
                    + " reachable (or 'docker load' a saved copy), or choose another with --k3s-image";
        }
        return null;
    }

    @Override
    public Cluster start(ClusterSpec spec) {
        BackendAvailability.require(this);
        return K3sLabBuilder.build(spec, settings, image(), NodeImage.name(settings));
    }

    /** The k3s image chosen, else {@link #DEFAULT_IMAGE}. */
    public String image() {
        return BackendSettings.chosenOr(settings.k3sImage(), DEFAULT_IMAGE);
    }
}

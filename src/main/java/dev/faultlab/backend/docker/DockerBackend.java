package dev.faultlab.backend.docker;

import dev.faultlab.backend.BackendSettings;
import dev.faultlab.backend.Cluster;
import dev.faultlab.container.BackendAvailability;
import dev.faultlab.container.ContainerBackend;
import dev.faultlab.container.NodeImage;
import dev.faultlab.topology.ClusterSpec;

/**
 * Nodes are plain privileged containers of the locally built {@code faultlab/node} image on an internal Docker
 * network; pods are network namespaces inside their node's container. Needs Docker and the image
 * ({@code images/node/build.sh}), no registry. The image can be another ({@link BackendSettings#nodeImage()}).
 */
public final class DockerBackend implements ContainerBackend {
    private final BackendSettings settings;

    public DockerBackend() {
        this(BackendSettings.fromEnvironment());
    }

    private DockerBackend(BackendSettings settings) {
        this.settings = settings;
    }

    @Override
    public DockerBackend with(BackendSettings settings) {
        return new DockerBackend(settings);
    }

    @Override
    public String name() {
        return "docker";
    }

    @Override
    public String unavailableReason() {
        return NodeImage.unavailableReason(NodeImage.name(settings));
    }

    @Override
    public Cluster start(ClusterSpec spec) {
        BackendAvailability.require(this);
        return DockerLabBuilder.build(spec, NodeImage.name(settings));
    }
}

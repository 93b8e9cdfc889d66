package dev.faultlab.backend.docker;

import dev.faultlab.backend.Backend;
import dev.faultlab.backend.Cluster;
import dev.faultlab.backend.LabEntry;
import dev.faultlab.container.BackendAvailability;
import dev.faultlab.container.ContainerLabs;
import dev.faultlab.container.NodeImage;
import dev.faultlab.topology.ClusterSpec;

import java.util.List;

/**
 * Nodes are plain privileged containers of the locally built {@code faultlab/node} image on an internal Docker
 * network; pods are network namespaces inside their node's container. Needs Docker and the image
 * ({@code images/node/build.sh}), no registry. The image can be overridden (see {@link NodeImage#name()}).
 */
public final class DockerBackend implements Backend {
    @Override
    public String name() {
        return "docker";
    }

    @Override
    public String unavailableReason() {
        return NodeImage.unavailableReason();
    }

    @Override
    public Cluster start(ClusterSpec spec) {
        BackendAvailability.require(this);
        return DockerLabBuilder.build(spec, NodeImage.name());
    }

    /** Every container lab in the local Docker (the docker and k3s backends label theirs alike). */
    @Override
    public List<LabEntry> labs() {
        return ContainerLabs.list();
    }

    @Override
    public List<String> down(String labId) {
        return ContainerLabs.down(labId);
    }

    @Override
    public List<String> downAll() {
        return ContainerLabs.downAll();
    }
}

package dev.faultlab.backend.docker;

import dev.faultlab.backend.Backend;
import dev.faultlab.backend.Cluster;
import dev.faultlab.container.BackendAvailability;
import dev.faultlab.container.DockerEnvironment;
import dev.faultlab.container.LabSettings;
import dev.faultlab.topology.ClusterSpec;

/**
 * Nodes are plain privileged containers of the locally built {@code faultlab/node} image on an internal Docker
 * network; pods are network namespaces inside their node's container. Needs Docker and the image
 * ({@code images/node/build.sh}), no registry. The image can be overridden (see {@link #image()}).
 */
public final class DockerBackend implements Backend {
    public static final String DEFAULT_IMAGE = "faultlab/node:1";

    @Override
    public String name() {
        return "docker";
    }

    @Override
    public String unavailableReason() {
        String docker = DockerEnvironment.unavailableReason();
        if (docker != null) {
            return docker;
        }
        String image = image();
        if (!DockerEnvironment.hasImage(image)) {
            return "docker node image " + image + " missing: build it with images/node/build.sh (no registry needed)";
        }
        return null;
    }

    @Override
    public Cluster start(ClusterSpec spec) {
        BackendAvailability.require(this);
        return DockerLabBuilder.build(spec, image());
    }

    /** The node image: {@code -Dfaultlab.node.image} or {@code FAULTLAB_NODE_IMAGE}, else {@link #DEFAULT_IMAGE}. */
    public static String image() {
        return LabSettings.get("faultlab.node.image", "FAULTLAB_NODE_IMAGE", DEFAULT_IMAGE);
    }
}

package dev.faultlab.container;

/**
 * The locally built {@code faultlab/node} image every container backend runs its nodes, pods and clients from
 * ({@code images/node/build.sh}, no registry).
 */
public final class NodeImage {
    public static final String DEFAULT = "faultlab/node:1";

    private NodeImage() {
    }

    /** The node image: {@code -Dfaultlab.node.image} or {@code FAULTLAB_NODE_IMAGE}, else {@link #DEFAULT}. */
    public static String name() {
        return LabSettings.get("faultlab.node.image", "FAULTLAB_NODE_IMAGE", DEFAULT);
    }

    /** Why Docker or the node image is missing here (one line naming the fix), or null when both are present. */
    public static String unavailableReason() {
        String docker = DockerEnvironment.unavailableReason();
        if (docker != null) {
            return docker;
        }
        String image = name();
        if (!DockerEnvironment.hasImage(image)) {
            return "docker node image " + image + " missing: build it with images/node/build.sh (no registry needed)";
        }
        return null;
    }
}

package dev.faultlab.container;

import dev.faultlab.backend.BackendSettings;

/**
 * The locally built {@code faultlab/node} image every container backend runs its nodes, pods and clients from
 * ({@code images/node/build.sh}, no registry).
 */
public final class NodeImage {
    public static final String DEFAULT = "faultlab/node:1";

    private NodeImage() {
    }

    /** The node image chosen in {@code settings}, else {@link #DEFAULT}. */
    public static String name(BackendSettings settings) {
        return BackendSettings.chosenOr(settings.nodeImage(), DEFAULT);
    }

    /** Why Docker or node {@code image} is missing here (one line naming the fix), or null when both are present. */
    public static String unavailableReason(String image) {
        String docker = DockerEnvironment.unavailableReason();
        if (docker != null) {
            return docker;
        }
        if (!DockerEnvironment.hasImage(image)) {
            return "docker node image " + image + " missing: build it with images/node/build.sh (no registry needed)";
        }
        return null;
    }
}

package dev.faultlab.backend.kube;

import dev.faultlab.topology.Datapath;
import io.fabric8.kubernetes.api.model.Node;

import java.util.Map;
import java.util.Optional;

/**
 * How a real cluster shows that its CNI runs one lab datapath, read from what the CNI writes on its Node objects.
 * ServiceLoader services ({@code META-INF/services/dev.faultlab.backend.kube.KubeCni}) read by {@link CniCheck}, so
 * a new datapath adds a class and a line.
 */
public interface KubeCni {
    /** The lab datapath this CNI setup is. */
    Datapath datapath();

    /** The CNI that runs it, for messages ({@code flannel (vxlan backend)}). */
    String describe();

    /** The fact on {@code node} that shows this CNI runs it (an annotation and its value), or empty. */
    Optional<String> shownBy(Node node);

    /** The node's annotations, never null. */
    static Map<String, String> annotations(Node node) {
        return node.getMetadata() == null || node.getMetadata().getAnnotations() == null ? Map.of()
                : node.getMetadata().getAnnotations();
    }
}

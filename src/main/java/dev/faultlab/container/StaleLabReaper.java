package dev.faultlab.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes containers and networks of container labs whose owner process is gone. Labs of live owners (another
 * test, another user's run) are never touched.
 */
final class StaleLabReaper {
    private StaleLabReaper() {
    }

    /** Returns the ids of the labs removed. */
    public static Set<String> reap(DockerClient client) {
        Set<String> reaped = new HashSet<>();
        List<Container> containers = client.listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of(LabLabels.LAB)).exec();
        for (Container c : containers) {
            if (isStale(c.getLabels())) {
                client.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
                reaped.add(c.getLabels().get(LabLabels.LAB));
            }
        }
        for (Network n : client.listNetworksCmd().withFilter("label", List.of(LabLabels.LAB)).exec()) {
            if (isStale(n.getLabels())) {
                client.removeNetworkCmd(n.getId()).exec();
                reaped.add(n.getLabels().get(LabLabels.LAB));
            }
        }
        return reaped;
    }

    public static boolean isStale(Map<String, String> labels) {
        String owner = labels == null ? null : labels.get(LabLabels.OWNER_PID);
        if (owner == null) {
            return false;
        }
        try {
            return ProcessHandle.of(Long.parseLong(owner)).isEmpty();
        } catch (NumberFormatException e) {
            return false;
        }
    }
}

package dev.faultlab.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import dev.faultlab.LabException;
import dev.faultlab.backend.LabEntry;
import org.testcontainers.DockerClientFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The container labs in the local Docker, found by their {@link LabLabels}: what {@code faultlab lab ls} and
 * {@code lab down} show and remove for the docker and k3s backends. Only containers and networks carrying a lab
 * label are ever touched.
 */
final class ContainerLabs {
    private ContainerLabs() {
    }

    public static List<LabEntry> list() {
        if (DockerEnvironment.unavailableReason() != null) {
            return List.of();
        }
        Map<String, List<Container>> byLab = new TreeMap<>();
        for (Container c : containers(DockerClientFactory.instance().client())) {
            byLab.computeIfAbsent(c.getLabels().get(LabLabels.LAB), id -> new ArrayList<>()).add(c);
        }
        List<LabEntry> labs = new ArrayList<>();
        byLab.forEach((id, containers) -> {
            Map<String, String> labels = containers.get(0).getLabels();
            long owner = parsePid(labels.get(LabLabels.OWNER_PID));
            labs.add(new LabEntry(id, StaleLabReaper.isStale(labels) ? "stale" : "running", owner, containers.size(),
                    "containers " + String.join(",", containers.stream()
                            .map(c -> c.getLabels().getOrDefault(LabLabels.HOST, "?")).sorted().toList())));
        });
        return labs;
    }

    /** Removes the containers and networks of {@code labId}, whoever owns it. */
    public static List<String> down(String labId) {
        if (list().stream().noneMatch(l -> l.labId().equals(labId))) {
            throw new LabException("no container lab '" + labId + "' in the local Docker: 'faultlab lab ls"
                    + " --backend docker' lists the labs there are");
        }
        remove(labId);
        return List.of(labId);
    }

    public static List<String> downAll() {
        List<String> ids = list().stream().map(LabEntry::labId).toList();
        ids.forEach(ContainerLabs::remove);
        return ids;
    }

    private static void remove(String labId) {
        DockerClient client = DockerClientFactory.instance().client();
        for (Container c : containers(client)) {
            if (labId.equals(c.getLabels().get(LabLabels.LAB))) {
                client.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
            }
        }
        for (Network n : client.listNetworksCmd().withFilter("label", List.of(LabLabels.LAB)).exec()) {
            if (labId.equals(n.getLabels().get(LabLabels.LAB))) {
                client.removeNetworkCmd(n.getId()).exec();
            }
        }
    }

    private static List<Container> containers(DockerClient client) {
        return client.listContainersCmd().withShowAll(true).withLabelFilter(List.of(LabLabels.LAB)).exec();
    }

    private static long parsePid(String pid) {
        try {
            return pid == null ? -1 : Long.parseLong(pid);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

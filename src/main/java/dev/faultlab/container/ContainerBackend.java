package dev.faultlab.container;

import dev.faultlab.backend.Backend;
import dev.faultlab.backend.LabEntry;

import java.util.List;

/**
 * A backend whose labs are containers in the local Docker (docker, k3s): {@code lab ls} and {@code lab down} find
 * them by their {@link LabLabels}, which both backends put on everything alike.
 */
public interface ContainerBackend extends Backend {
    @Override
    default List<LabEntry> labs() {
        return ContainerLabs.list();
    }

    @Override
    default List<String> down(String labId) {
        return ContainerLabs.down(labId);
    }

    @Override
    default List<String> downAll() {
        return ContainerLabs.downAll();
    }
}

package dev.faultlab.cli;

import dev.faultlab.backend.Backends;
import dev.faultlab.backend.LabException;
import picocli.CommandLine.Option;

/** The {@code --backend} option of commands that build labs. */
final class BackendOption {
    @Option(names = "--backend", paramLabel = "B", defaultValue = Backends.DEFAULT,
            description = "netns (default), docker, k3s or kubeconfig")
    String name;

    /** The backend's name, after failing with its own one-line reason (e.g. "not root: ...") if it cannot run here. */
    String requireAvailable() {
        String reason = Backends.named(name).unavailableReason();
        if (reason != null) {
            throw new LabException(reason);
        }
        return name;
    }
}

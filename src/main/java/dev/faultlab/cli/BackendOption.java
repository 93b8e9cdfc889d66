package dev.faultlab.cli;

import dev.faultlab.backend.Backends;
import dev.faultlab.LabException;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The {@code --backend} option of commands that build labs, with the settings of the backends that need one. Those
 * are handed to the backend as the system properties it reads ({@code LabSettings}), as the environment variables
 * named in README would.
 */
final class BackendOption {
    @Option(names = "--backend", paramLabel = "B", defaultValue = Backends.DEFAULT,
            description = "netns (default), docker, k3s or kubeconfig")
    String name;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "kubeconfig of the existing cluster (--backend kubeconfig; default: $KUBECONFIG)")
    void kubeconfig(Path file) {
        System.setProperty("faultlab.kubeconfig", file.toAbsolutePath().toString());
    }

    @Option(names = "--k3s-image", paramLabel = "IMAGE",
            description = "k3s image in the local Docker (--backend k3s; default rancher/k3s:v1.31.5-k3s1)")
    void k3sImage(String image) {
        System.setProperty("faultlab.k3s.image", image);
    }

    /** The backend's name, after failing with its own one-line reason (e.g. "not root: ...") if it cannot run here. */
    String requireAvailable() {
        String reason = Backends.named(name).unavailableReason();
        if (reason != null) {
            throw new LabException(reason);
        }
        return name;
    }
}

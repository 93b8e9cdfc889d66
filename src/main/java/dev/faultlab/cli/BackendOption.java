package dev.faultlab.cli;

import dev.faultlab.LabException;
import dev.faultlab.backend.Backend;
import dev.faultlab.backend.BackendSettings;
import dev.faultlab.backend.Backends;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The {@code --backend} option of commands that build or list labs, with the settings of the backends that need
 * one: these flags over the environment variables README lists ({@link BackendSettings#fromEnvironment()}).
 */
final class BackendOption {
    @Option(names = "--backend", paramLabel = "B", defaultValue = Backends.DEFAULT,
            description = "netns (default), docker, k3s or kubeconfig")
    String name;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "kubeconfig of the existing cluster (--backend kubeconfig; default: $KUBECONFIG)")
    Path kubeconfig;

    @Option(names = "--k3s-image", paramLabel = "IMAGE",
            description = "k3s image in the local Docker (--backend k3s; default rancher/k3s:v1.31.5-k3s1)")
    String k3sImage;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "where netns labs keep their records (default: $FAULTLAB_STATE_DIR, else /run/faultlab)")
    Path stateDir;

    /** The user's settings: the flags given, else the environment's. */
    BackendSettings settings() {
        BackendSettings settings = BackendSettings.fromEnvironment();
        if (stateDir != null) {
            settings = settings.withStateDir(stateDir);
        }
        if (kubeconfig != null) {
            settings = settings.withKubeconfig(kubeconfig);
        }
        return k3sImage != null ? settings.withK3sImage(k3sImage) : settings;
    }

    /** The backend named, with {@link #settings()}. */
    Backend chosen() {
        return Backends.named(name, settings());
    }

    /** {@link #chosen()}, after failing with its own one-line reason (e.g. "not root: ...") if it cannot run here. */
    Backend requireAvailable() {
        Backend backend = chosen();
        String reason = backend.unavailableReason();
        if (reason != null) {
            throw new LabException(reason);
        }
        return backend;
    }
}

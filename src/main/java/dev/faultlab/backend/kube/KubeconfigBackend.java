package dev.faultlab.backend.kube;

import dev.faultlab.backend.Backend;
import dev.faultlab.backend.BackendSettings;
import dev.faultlab.backend.Cluster;
import dev.faultlab.LabException;
import dev.faultlab.container.BackendAvailability;
import dev.faultlab.topology.ClusterSpec;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An existing cluster reached by a kubeconfig ({@code --kubeconfig FILE}, else {@code KUBECONFIG}, else
 * {@code ~/.kube/config}: {@link BackendSettings#kubeconfig()}). Only nodes labelled {@code faultlab.dev/lab=true} are used;
 * everything the lab creates lives in namespace {@code faultlab-<labId>} and is removed on close.
 */
public final class KubeconfigBackend implements Backend {
    public static final String DEFAULT_AGENT_IMAGE = "faultlab/agent:1";

    private final BackendSettings settings;

    public KubeconfigBackend() {
        this(BackendSettings.fromEnvironment());
    }

    private KubeconfigBackend(BackendSettings settings) {
        this.settings = settings;
    }

    @Override
    public KubeconfigBackend with(BackendSettings settings) {
        return new KubeconfigBackend(settings);
    }

    @Override
    public String name() {
        return "kubeconfig";
    }

    @Override
    public String unavailableReason() {
        Path file = settings.kubeconfig();
        if (!Files.isReadable(file)) {
            return "no readable kubeconfig at " + file + ": pass --kubeconfig FILE (or set KUBECONFIG)";
        }
        return null;
    }

    @Override
    public Cluster start(ClusterSpec spec) {
        BackendAvailability.require(this);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config(settings.kubeconfig())).build();
        try {
            return KubeLabBuilder.build(client, spec, agentImage());
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** The agent image chosen, else the local build's name. */
    private String agentImage() {
        return BackendSettings.chosenOr(settings.agentImage(), DEFAULT_AGENT_IMAGE);
    }

    private static Config config(Path file) {
        try {
            return Config.fromKubeconfig(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            throw new LabException("cannot read kubeconfig " + file + " (" + e.getMessage() + "): pass a valid one"
                    + " with --kubeconfig FILE", e);
        }
    }
}

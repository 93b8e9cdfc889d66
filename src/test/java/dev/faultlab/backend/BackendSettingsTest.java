package dev.faultlab.backend;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The backends' settings from the environment, and what a flag changes. */
class BackendSettingsTest {
    private static final Path HOME = Path.of("/home/sre");

    @Test
    void withoutKubeconfigInTheEnvironmentItIsKubectlsDefault() {
        BackendSettings settings = BackendSettings.from(Map.of(), HOME);
        assertThat(settings.kubeconfig()).isEqualTo(HOME.resolve(".kube/config"));
        assertThat(settings.k3sImage()).isNull();
        assertThat(settings.stateDir()).isNull();
        assertThat(BackendSettings.chosenOr(settings.nodeImage(), "faultlab/node:1")).isEqualTo("faultlab/node:1");
    }

    @Test
    void theEnvironmentChoosesAndABlankValueChoosesNothing() {
        BackendSettings settings = BackendSettings.from(Map.of("KUBECONFIG", "/etc/kube/lab.yaml",
                "FAULTLAB_NODE_IMAGE", "mirror/node:2", "FAULTLAB_K3S_IMAGE", " ", "FAULTLAB_STATE_DIR", "/srv/labs"), HOME);
        assertThat(settings.stateDir()).isEqualTo(Path.of("/srv/labs"));
        assertThat(settings.kubeconfig()).isEqualTo(Path.of("/etc/kube/lab.yaml"));
        assertThat(settings.nodeImage()).isEqualTo("mirror/node:2");
        assertThat(settings.k3sImage()).isNull();
    }

    @Test
    void withXChangesOneSettingAndLeavesTheOriginalAsItWas() {
        BackendSettings environment = BackendSettings.from(Map.of("FAULTLAB_AGENT_IMAGE", "mine/agent:3"), HOME);
        BackendSettings flagged = environment.withK3sImage("rancher/k3s:v1.30.0-k3s1")
                .withKubeconfig(Path.of("relative.yaml"));
        assertThat(flagged.k3sImage()).isEqualTo("rancher/k3s:v1.30.0-k3s1");
        assertThat(flagged.kubeconfig()).isEqualTo(Path.of("relative.yaml").toAbsolutePath());
        assertThat(flagged.agentImage()).isEqualTo("mine/agent:3");
        assertThat(environment.k3sImage()).isNull();
        assertThat(environment.kubeconfig()).isEqualTo(HOME.resolve(".kube/config"));
    }
}

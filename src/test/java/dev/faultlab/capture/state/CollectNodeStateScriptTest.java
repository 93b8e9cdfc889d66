package dev.faultlab.capture.state;

import dev.faultlab.capture.layout.StateFile;
import dev.faultlab.capture.layout.StateLayout;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** The customer script and the Java catalogue must describe the same layout, or diagnose --state misreads it. */
class CollectNodeStateScriptTest {
    @Test
    void scriptListsTheSameFilesRolesAndCommandsAsTheCatalogue() throws IOException {
        CollectNodeStateScript script = CollectNodeStateScript.read();

        assertThat(script.files()).extracting(StateFile::name)
                .containsExactlyElementsOf(StateLayout.SCRIPT_FILES.stream().map(StateFile::name).toList());
        for (StateFile declared : script.files()) {
            StateFile expected = StateLayout.scriptFile(declared.name()).orElseThrow();
            assertThat(declared.argv()).as("command of %s", declared.name()).isEqualTo(expected.argv());
            assertThat(declared.roles()).as("roles of %s", declared.name()).isEqualTo(expected.roles());
        }
    }

    @Test
    void scriptAsksKubectlForTheSameColumns() throws IOException {
        assertThat(CollectNodeStateScript.read().constants()).containsEntry("KUBE_NODES_JSONPATH",
                StateLayout.KUBE_NODES_JSONPATH);
    }

    @Test
    void everyFileTheScriptWritesIsOneTheReaderLooksFor() throws IOException {
        assertThat(StateLayout.HOST_FILES).containsAll(CollectNodeStateScript.read().files().stream()
                .map(StateFile::name).toList()).contains(StateLayout.HOST_JSON);
    }

    @Test
    void scriptReadsTheSameSysctls() throws IOException {
        assertThat(CollectNodeStateScript.read().sysctlKeys()).containsExactlyElementsOf(StateLayout.SYSCTL_KEYS);
    }
}

package dev.faultlab.backend.netns;

import dev.faultlab.LabException;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.Datapath;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("root")
class LabReliabilityTest {
    @TempDir
    Path stateRoot;

    @Test
    void failureDuringBringUpLeavesNothingBehind() {
        AtomicReference<String> labId = new AtomicReference<>();
        NetnsBackend failing = new NetnsBackend(stateRoot, (id, phase, elapsed) -> {
            labId.set(id);
            if (phase.equals("agents")) {
                assertThat(LabTraces.namespaces(id)).isNotEmpty();
                assertThat(LabTraces.processes(id)).as("flannel agents run").isNotEmpty();
                throw new LabException("injected failure after the agents started");
            }
        });

        assertThatThrownBy(() -> failing.start(ClusterSpec.of(2, 1, Datapath.FLANNEL_VXLAN)))
                .isInstanceOf(LabException.class).hasMessageContaining("injected");

        assertThat(labId.get()).isNotNull();
        assertThat(LabTraces.namespaces(labId.get())).isEmpty();
        assertThat(LabTraces.processes(labId.get())).isEmpty();
        assertThat(LabStateDir.all(stateRoot)).as("no lab record left for a reaper").isEmpty();
        assertThat(stateRoot.resolve(labId.get()).toFile().list()).as("only the agents' logs are kept")
                .containsExactly("logs");
    }

    @Test
    void labOfASigkilledJvmIsReapedByTheNextStart() throws Exception {
        Process owner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LabOwnerMain.class.getName(), stateRoot.toString())
                .redirectErrorStream(true).start();
        String labId;
        try {
            labId = CompletableFuture.supplyAsync(() -> readLabId(owner)).get(60, TimeUnit.SECONDS);
        } finally {
            owner.destroyForcibly();
            owner.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(LabTraces.namespaces(labId)).as("the killed owner left its lab").isNotEmpty();
        assertThat(LabTraces.processes(labId)).as("and its agents").isNotEmpty();

        try (NetnsCluster next = new NetnsBackend(stateRoot, BringUpListener.NONE)
                .start(ClusterSpec.of(1, 0, Datapath.IPIP))) {
            assertThat(LabTraces.namespaces(labId)).isEmpty();
            assertThat(LabTraces.processes(labId)).isEmpty();
            assertThat(stateRoot.resolve(labId)).doesNotExist();
            assertThat(LabTraces.namespaces(next.id())).isNotEmpty();
        }
    }

    @Test
    void twoLabsRunSideBySideAndCloseIndependently() throws Exception {
        NetnsBackend backend = new NetnsBackend(stateRoot, BringUpListener.NONE);
        try (NetnsCluster first = backend.start(ClusterSpec.of(2, 1, Datapath.IPIP))) {
            String firstId;
            try (NetnsCluster second = backend.start(ClusterSpec.of(2, 1, Datapath.IPIP))) {
                firstId = first.id();
                assertThat(second.id()).isNotEqualTo(first.id());
                PeerAddressServer.start(first, "pod-2-a", 8080);
                PeerAddressServer.start(second, "pod-2-a", 8080);
                assertThat(PeerAddressServer.askUntilAnswered(second, "pod-1-a", "10.244.2.2", 8080,
                        Duration.ofSeconds(3))).isEqualTo("10.244.1.2");
                assertThat(Files.list(stateRoot).count()).isEqualTo(2);
            }
            assertThat(PeerAddressServer.askUntilAnswered(first, "pod-1-a", "10.244.2.2", 8080,
                    Duration.ofSeconds(3))).as("the first lab survives the second's close").isEqualTo("10.244.1.2");
            assertThat(LabTraces.namespaces(firstId)).hasSize(1 + 2 + 2);
        }
    }

    private static String readLabId(Process owner) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream()))) {
            StringBuilder seen = new StringBuilder();
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("LAB ")) {
                    return line.substring(4).strip();
                }
                seen.append(line).append('\n');
            }
            throw new IllegalStateException("lab owner JVM ended without building a lab:\n" + seen);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

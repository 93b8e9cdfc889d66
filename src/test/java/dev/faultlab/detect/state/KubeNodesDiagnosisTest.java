package dev.faultlab.detect.state;

import dev.faultlab.detect.Diagnosis;
import dev.faultlab.detect.DiagnosisReport;
import dev.faultlab.detect.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One node's state from the customer script, with the Node objects kubectl showed (state/one-node-kubectl, see its
 * README): the peers' pod CIDRs and VTEP MACs come from kube-nodes.txt, so a stale VXLAN neighbor is found without
 * the peer's own state.
 */
class KubeNodesDiagnosisTest {
    @TempDir
    Path dir;

    private static Path fixture() throws Exception {
        return Path.of(KubeNodesDiagnosisTest.class.getResource("/state/one-node-kubectl").toURI());
    }

    @Test
    void staleNeighborFoundFromOneNodeAndTheNodeObjects() throws Exception {
        DiagnosisReport report = Diagnosis.analyze(List.of(), List.of(fixture()));
        Finding stale = report.findings().stream().filter(f -> f.cause().equals("vxlan-stale-neighbor"))
                .findFirst().orElseThrow(() -> new AssertionError(report.findings().toString()));
        assertThat(stale.attributes()).containsEntry("node", "node-1").containsEntry("staleOn", "node-3")
                .containsEntry("staleMac", "a2:fd:5a:b1:cb:4e").containsEntry("actualMac", "d2:ab:9e:21:ff:26");
        assertThat(stale.evidence()).anySatisfy(e -> {
            assertThat(e.source()).isEqualTo("node-3/ip-neigh.json");
            assertThat(e.detail()).contains("Node object announces VtepMAC d2:ab:9e:21:ff:26");
        });
    }

    @Test
    void noStaleNeighborWhenTheNodeObjectAgreesWithTheEntry() throws Exception {
        Path copy = copyOfFixture();
        Path kubeNodes = copy.resolve("node-3").resolve("kube-nodes.txt");
        Files.writeString(kubeNodes, Files.readString(kubeNodes).replace("d2:ab:9e:21:ff:26", "a2:fd:5a:b1:cb:4e"));
        DiagnosisReport report = Diagnosis.analyze(List.of(), List.of(copy));
        assertThat(report.findings()).noneMatch(f -> f.cause().equals("vxlan-stale-neighbor"));
    }

    @Test
    void withoutTheNodeObjectsOneNodeCannotTellWhichMacIsStale() throws Exception {
        Path copy = copyOfFixture();
        Files.delete(copy.resolve("node-3").resolve("kube-nodes.txt"));
        DiagnosisReport report = Diagnosis.analyze(List.of(), List.of(copy));
        assertThat(report.findings()).noneMatch(f -> f.cause().equals("vxlan-stale-neighbor"));
    }

    private Path copyOfFixture() throws Exception {
        Path source = fixture();
        Path target = dir.resolve("state");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path to = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return target;
    }
}

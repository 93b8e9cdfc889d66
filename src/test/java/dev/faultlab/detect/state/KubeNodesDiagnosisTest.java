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

    /**
     * flannel's IPv6 VXLAN device (flannel-v6.1) has its own MAC, announced in the Node's backend-v6-data. node-3's
     * state is the v6-state-only fixture's (its recipe beside it): a PERMANENT neighbor for node-1's fd5e:a:0:1::
     * holding the MAC node-1's flannel-v6.1 had before it was recreated with 0e:5a:01:00:00:d7. Only node-3's
     * directory is kept; the Node objects are written as the collector's kubectl query prints them for an
     * IPv6-only cluster (no public-ip or backend-data, the IPv6 columns filled), with the MACs the nodes' devices
     * had (the fixture's ip-link.json files).
     */
    @Test
    void staleIpv6NeighborFoundFromTheNodesIpv6Announcement() throws Exception {
        Path state = oneNodeOfIpv6Fixture(List.of(
                ipv6Node("node-1", "fd5e:a:0:1::/64", "fd95:8:0:6::11", "0e:5a:01:00:00:d7"),
                ipv6Node("node-2", "fd5e:a:0:2::/64", "fd95:8:0:6::12", "0e:5a:02:00:00:02"),
                ipv6Node("node-3", "fd5e:a:0:3::/64", "fd95:8:0:6::13", "0e:5a:03:00:00:03")));
        DiagnosisReport report = Diagnosis.analyze(List.of(), List.of(state));
        Finding stale = report.findings().stream().filter(f -> f.cause().equals("vxlan-stale-neighbor"))
                .findFirst().orElseThrow(() -> new AssertionError(report.findings().toString()));
        assertThat(stale.attributes()).containsEntry("node", "node-1").containsEntry("staleOn", "node-3")
                .containsEntry("staleMac", "0e:5a:01:00:00:01").containsEntry("actualMac", "0e:5a:01:00:00:d7");
    }

    /** The same Node objects as a file written before the IPv6 columns existed: nothing names the IPv6 VTEP. */
    @Test
    void withoutTheIpv6ColumnsTheIpv6VtepIsUnknown() throws Exception {
        Path state = oneNodeOfIpv6Fixture(List.of("node-1\tfd5e:a:0:1::/64\tfd95:8:0:6::11\t\t",
                "node-3\tfd5e:a:0:3::/64\tfd95:8:0:6::13\t\t"));
        assertThat(Diagnosis.analyze(List.of(), List.of(state)).findings())
                .noneMatch(f -> f.cause().equals("vxlan-stale-neighbor"));
    }

    /**
     * Dual stack: flannel.1 (IPv4) and flannel-v6.1 have different MACs. node-3's IPv6 entry agrees with node-1's
     * backend-v6-data, so it is not stale, whatever flannel.1's MAC in backend-data is.
     */
    @Test
    void anIpv6NeighborIsComparedWithTheIpv6VtepNotTheIpv4One() throws Exception {
        String dualStack = "node-1\t10.61.1.0/24\t10.60.0.11 fd95:8:0:6::11\t10.60.0.11\t"
                + "{\"VNI\":1,\"VtepMAC\":\"0e:4a:01:00:00:11\"}\t10.61.1.0/24 fd5e:a:0:1::/64\t"
                + "fd95:8:0:6::11\t{\"VNI\":1,\"VtepMAC\":\"0e:5a:01:00:00:01\"}";
        Path state = oneNodeOfIpv6Fixture(List.of(dualStack,
                ipv6Node("node-3", "fd5e:a:0:3::/64", "fd95:8:0:6::13", "0e:5a:03:00:00:03")));
        assertThat(StateText.kubeNodes(List.of(dualStack))).extracting(Lease::vtepMac)
                .containsExactly("0e:4a:01:00:00:11", "0e:5a:01:00:00:01");
        assertThat(Diagnosis.analyze(List.of(), List.of(state)).findings())
                .noneMatch(f -> f.cause().equals("vxlan-stale-neighbor"));
    }

    /** A kube-nodes.txt line of an IPv6-only flannel Node, in the collector's column order. */
    private static String ipv6Node(String name, String podCidr, String underlay, String vtepMac) {
        return String.join("\t", name, podCidr, underlay, "", "", podCidr, underlay,
                "{\"VNI\":1,\"VtepMAC\":\"" + vtepMac + "\"}");
    }

    private Path oneNodeOfIpv6Fixture(List<String> kubeNodes) throws Exception {
        Path fixture = Path.of(KubeNodesDiagnosisTest.class
                .getResource("/fixtures/vxlan-stale-neighbor/v6-state-only/after").toURI());
        Path state = copyOf(fixture);
        for (String other : List.of("node-1", "node-2")) {
            try (Stream<Path> files = Files.walk(state.resolve(other))) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.write(state.resolve("node-3").resolve("kube-nodes.txt"), kubeNodes);
        return state;
    }

    private Path copyOfFixture() throws Exception {
        return copyOf(fixture());
    }

    private Path copyOf(Path source) {
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

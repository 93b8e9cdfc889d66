package dev.faultlab.detect;

import dev.faultlab.capture.testing.GeneveRewrite;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pod traffic inside Geneve (OVN-Kubernetes, Antrea, Cilium's Geneve mode) is followed as pod traffic inside VXLAN
 * is: the real-kernel VXLAN captures of two vxlan-stale-neighbor fixtures, rewritten as Geneve with OVN's option
 * ({@link GeneveRewrite}), give the same conversations and the same findings about the TCP inside. Not the VXLAN
 * forwarding-database story itself: vxlan-stale-neighbor reads VXLAN's FDB and neighbour entries, which Geneve
 * overlays do not keep in the kernel, so it names nothing there.
 */
class GeneveCapturesTest {
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures/vxlan-stale-neighbor");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"busy-underlay-5-nodes", "v6-underlay-4789"})
    void theTcpInsideGivesTheSameConversationsAndFindings(String fixture) throws Exception {
        Path original = FIXTURES.resolve(fixture).resolve("n1-eth0.pcap");
        Path geneve = dir.resolve("n1-eth0.pcap");
        GeneveRewrite.rewrite(original, geneve, 2, false);

        DiagnosisReport vxlan = Diagnosis.analyze(List.of(original), List.of());
        DiagnosisReport report = Diagnosis.analyze(List.of(geneve), List.of());

        assertThat(report.packets()).isEqualTo(vxlan.packets());
        assertThat(report.conversations()).isEqualTo(vxlan.conversations()).isPositive();
        List<Finding> aboutTcp = vxlan.findings().stream()
                .filter(f -> !f.cause().equals(Causes.VXLAN_STALE_NEIGHBOR)).toList();
        assertThat(aboutTcp).isNotEmpty();
        assertThat(report.findings()).hasSameSizeAs(aboutTcp);
        for (int i = 0; i < aboutTcp.size(); i++) {
            Finding expected = aboutTcp.get(i);
            Finding found = report.findings().get(i);
            assertThat(found.cause()).isEqualTo(expected.cause());
            assertThat(found.tier()).isEqualTo(expected.tier());
            assertThat(found.summary()).isEqualTo(expected.summary());
            assertThat(found.attributes()).isEqualTo(expected.attributes());
            assertThat(found.evidence()).extracting(Evidence::frame).isEqualTo(expected.evidence().stream()
                    .map(Evidence::frame).toList());
        }
        assertThat(vxlan.findings()).extracting(Finding::cause).contains(Causes.VXLAN_STALE_NEIGHBOR);
    }
}

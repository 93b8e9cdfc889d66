package dev.faultlab.capture.read;

import dev.faultlab.capture.testing.GeneveRewrite;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Geneve (UDP 6081) is decapsulated as VXLAN is: two fixtures' real-kernel VXLAN captures (IPv4 and IPv6 underlay),
 * rewritten as the Geneve captures of the same traffic ({@link GeneveRewrite}: with and without OVN's option, with
 * an Ethernet frame or an IP packet inside; tshark decodes the rewritten files as Geneve, with the same inner fields
 * as the originals), read to the same inner packets, the same VNI and the same outer frames.
 */
class GeneveDecodingTest {
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures/vxlan-stale-neighbor");

    @TempDir
    Path dir;

    static Stream<Arguments> rewrites() {
        return Stream.of("busy-underlay-5-nodes", "v6-underlay-4789").flatMap(fixture -> Stream.of(0, 2)
                .flatMap(words -> Stream.of(false, true).map(ip -> Arguments.of(fixture, words, ip))));
    }

    @ParameterizedTest(name = "{0}, {1} option words, IP inside: {2}")
    @MethodSource("rewrites")
    void readsTheSameInnerPacketsAsTheVxlanOriginal(String fixture, int optionWords, boolean ipInside)
            throws Exception {
        Path original = FIXTURES.resolve(fixture).resolve("n1-eth0.pcap");
        Path geneve = dir.resolve("geneve.pcap");
        int rewritten = GeneveRewrite.rewrite(original, geneve, optionWords, ipInside);
        List<Packet> before = LinkTypeReaderTest.readAll(original);
        List<Packet> after = LinkTypeReaderTest.readAll(geneve);

        assertThat(rewritten).isPositive();
        assertThat(after).hasSameSizeAs(before);
        int compared = 0;
        for (int i = 0; i < before.size(); i++) {
            Packet vxlan = before.get(i);
            Packet packet = after.get(i);
            assertThat(packet.vxlan()).isNull();
            if (vxlan.vxlan() == null) {
                assertThat(packet.geneve()).isNull();
                assertThat(packet.summary()).isEqualTo(vxlan.summary());
                continue;
            }
            Packet inner = packet.geneve().inner();
            Packet expected = vxlan.vxlan().inner();
            assertThat(packet.udp().destinationPort()).isEqualTo(6081);
            assertThat(packet.geneve().vni()).isEqualTo(vxlan.vxlan().vni());
            assertThat(packet.geneve().protocolType()).isEqualTo(ipInside ? expected.link().etherType()
                    : Geneve.ETHERNET);
            assertThat(inner.summary()).isEqualTo(expected.summary());
            assertThat(inner.ip()).isEqualTo(expected.ip());
            assertThat(inner.tcp()).isEqualTo(expected.tcp());
            assertThat(inner.wireLength()).isEqualTo(expected.wireLength() - (ipInside ? 14 : 0));
            if (ipInside) {
                assertThat(inner.link().source()).isNull();
            } else {
                assertThat(inner.link()).isEqualTo(expected.link());
            }
            assertThat(packet.innermost()).isSameAs(inner.innermost());
            assertThat(packet.ip().source()).isEqualTo(vxlan.ip().source());
            assertThat(packet.ip().destination()).isEqualTo(vxlan.ip().destination());
            int grown = 4 * optionWords - (ipInside ? 14 : 0);
            assertThat(packet.ip().totalLength() - vxlan.ip().totalLength()).isEqualTo(grown);
            assertThat(packet.wireLength() - vxlan.wireLength()).isEqualTo(grown);
            compared++;
        }
        assertThat(compared).isEqualTo(rewritten);
    }
}

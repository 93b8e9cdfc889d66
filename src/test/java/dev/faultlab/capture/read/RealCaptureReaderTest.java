package dev.faultlab.capture.read;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Captures made with tcpdump/tshark on this machine (socat talking over 127.0.0.1 and ::1, plus one refused
 * connect), read by our reader and compared field by field with {@code tshark -r FILE -T fields} output saved
 * beside them (see {@code captures/real/README}).
 */
class RealCaptureReaderTest {

    @ParameterizedTest
    @ValueSource(strings = {"lo-eth.pcap", "lo-nano.pcap", "any-sll.pcap", "any-sll2.pcap", "multi.pcapng",
            "node-1-eth0.pcap", "pod-2-c-lo.pcap", "linktype-ipv6.pcap"})
    void agreesWithTshark(String name) throws Exception {
        Path capture = resource(name);
        List<String[]> expected = tsv(resource(name + ".tshark.tsv"));
        List<Packet> packets = new ArrayList<>();
        try (CaptureReader reader = CaptureReader.open(capture)) {
            reader.forEach(packets::add);
            assertThat(reader.badFrames()).isZero();
        }
        assertThat(packets).hasSize(expected.size());
        for (int i = 0; i < packets.size(); i++) {
            Packet p = packets.get(i);
            String[] row = expected.get(i);
            assertThat(p.frame()).isEqualTo(Long.parseLong(row[0]));
            assertThat(p.epochNanos()).isEqualTo(new BigDecimal(row[1]).movePointRight(9).longValueExact());
            String source = row[2].isEmpty() ? row[3] : row[2];
            assertThat(p.ip().source()).isEqualTo(java.net.InetAddress.getByName(source));
            TcpHeader tcp = p.tcp();
            assertThat(tcp.sourcePort()).isEqualTo(Integer.parseInt(row[4]));
            assertThat(tcp.destinationPort()).isEqualTo(Integer.parseInt(row[5]));
            assertThat(tcp.seq()).isEqualTo(Long.parseLong(row[6]));
            assertThat(tcp.ack()).isEqualTo(Long.parseLong(row[7]));
            assertThat(tcp.flags()).isEqualTo(Integer.decode(row[8]));
            assertThat(tcp.payloadLength()).isEqualTo(Integer.parseInt(row[9]));
            assertThat(tcp.options().mss()).isEqualTo(row[10].isEmpty() ? -1 : Integer.parseInt(row[10]));
            assertThat(tcp.options().tsVal()).isEqualTo(row[11].isEmpty() ? -1 : Long.parseLong(row[11]));
        }
    }

    /**
     * A real flannel VXLAN capture (lab run, UDP 8472) against {@code tshark -d udp.port==8472,vxlan -T fields -e
     * frame.number -e vxlan.vni -e eth.src -e eth.dst -e ip.src -e ip.dst}: outer and inner layers agree.
     */
    @ParameterizedTest
    @ValueSource(strings = {"node-1-eth0", "node-3-eth0"})
    void vxlanInnerFramesAgreeWithTshark(String name) throws Exception {
        Path capture = Path.of(RealCaptureReaderTest.class.getResource("/lab-runs/flannel-mac-change/captures/"
                + name + ".pcapng").toURI());
        List<String[]> expected = tsv(resource("flannel-" + name + ".vxlan.tsv"));
        List<Packet> packets = LinkTypeReaderTest.readAll(capture);
        assertThat(packets).hasSize(expected.size());
        for (int i = 0; i < packets.size(); i++) {
            Packet outer = packets.get(i);
            Packet inner = outer.vxlan().inner();
            String[] row = expected.get(i);
            assertThat(outer.vxlan().vni()).isEqualTo(Integer.parseInt(row[1]));
            assertThat(outer.link().source() + "," + inner.link().source()).isEqualTo(row[2]);
            assertThat(outer.link().destination() + "," + inner.link().destination()).isEqualTo(row[3]);
            assertThat(outer.ip().source().getHostAddress() + "," + inner.ip().source().getHostAddress())
                    .isEqualTo(row[4]);
            assertThat(outer.ip().destination().getHostAddress() + "," + inner.ip().destination().getHostAddress())
                    .isEqualTo(row[5]);
        }
    }

    /**
     * Real GRE captures (packetnet's test files: GRE with checksum, key and sequence number carrying IPv4, and NVGRE
     * carrying an Ethernet frame) against {@code tshark -T fields -e frame.number -e eth.src -e ip.src -e ip.dst -e
     * ip.proto -e gre.proto -e icmp.type -e tcp.srcport -e tcp.dstport -e tcp.seq_raw -e tcp.len}: outer and inner
     * layers agree.
     */
    @ParameterizedTest
    @ValueSource(strings = {"gre-options.pcap", "gre-nvgre.pcap"})
    void greInnerPacketsAgreeWithTshark(String name) throws Exception {
        List<String[]> expected = tsv(resource(name + ".gre.tsv"));
        List<Packet> packets = LinkTypeReaderTest.readAll(resource(name));
        assertThat(packets).hasSize(expected.size());
        for (int i = 0; i < packets.size(); i++) {
            Packet outer = packets.get(i);
            String[] row = java.util.Arrays.copyOf(expected.get(i), 11);
            Packet inner = outer.ipTunnel().inner();
            assertThat(outer.frame()).isEqualTo(Long.parseLong(row[0]));
            assertThat(outer.ipTunnel().protocol()).isEqualTo(47);
            assertThat(Stream.of(outer, inner).map(p -> p.link().source()).filter(java.util.Objects::nonNull)
                    .map(Object::toString).toList()).isEqualTo(List.of(row[1].split(",")));
            assertThat(outer.ip().source().getHostAddress() + "," + inner.ip().source().getHostAddress())
                    .isEqualTo(row[2]);
            assertThat(outer.ip().destination().getHostAddress() + "," + inner.ip().destination().getHostAddress())
                    .isEqualTo(row[3]);
            assertThat(outer.ip().protocol() + "," + inner.ip().protocol()).isEqualTo(row[4]);
            assertThat(inner.link().etherType() == 0x0800 && inner.link().source() == null ? "0x0800" : "0x6558")
                    .isEqualTo(row[5]);
            assertThat(inner.icmp() == null ? "" : String.valueOf(inner.icmp().type())).isEqualTo(row[6]);
            assertThat(inner.tcp() == null ? "" : inner.tcp().sourcePort() + "," + inner.tcp().destinationPort() + ","
                    + inner.tcp().seq() + "," + inner.tcp().payloadLength())
                    .isEqualTo(row[7].isEmpty() ? "" : row[7] + "," + row[8] + "," + row[9] + "," + row[10]);
            assertThat(outer.innermost()).isSameAs(inner);
        }
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(RealCaptureReaderTest.class.getResource("/captures/real/" + name).toURI());
    }

    private static List<String[]> tsv(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] cells = line.split("\t", -1);
            rows.add(java.util.Arrays.copyOf(cells, 12));
        }
        return rows;
    }
}

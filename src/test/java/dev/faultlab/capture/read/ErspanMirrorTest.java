package dev.faultlab.capture.read;

import dev.faultlab.capture.testing.ErspanMirror;
import dev.faultlab.detect.Diagnosis;
import dev.faultlab.detect.DiagnosisReport;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A collector's capture of ERSPAN (types I, II and III) is read as the traffic the switch mirrored: real captures
 * (an incident's node capture, and a busy VXLAN underlay, captured with a 120-byte snaplen, whose finding needs the
 * outer VXLAN layer) wrapped as a switch sends them ({@link ErspanMirror}; tshark decodes the result as GRE, ERSPAN
 * and the original frames) read to the packets of the original, and give the same diagnosis.
 */
class ErspanMirrorTest {
    @TempDir
    Path dir;

    static Stream<Arguments> mirrors() {
        return Stream.of("captures/real/node-1-eth0.pcap",
                        "fixtures/vxlan-stale-neighbor/busy-underlay-5-nodes/n1-eth0.pcap")
                .flatMap(capture -> Stream.of(ErspanMirror.Type.values()).map(type -> Arguments.of(capture, type)));
    }

    @ParameterizedTest(name = "{0} over ERSPAN {1}")
    @MethodSource("mirrors")
    void readsAndDiagnosesTheMirroredTrafficAsTheOriginal(String capture, ErspanMirror.Type type) throws Exception {
        Path original = Path.of("src/test/resources").resolve(capture);
        Path mirrored = Files.createDirectories(dir.resolve(type.name())).resolve(original.getFileName());
        int frames = ErspanMirror.mirror(original, mirrored, type);

        List<Packet> expected = LinkTypeReaderTest.readAll(original);
        List<Packet> read = LinkTypeReaderTest.readAll(mirrored);
        assertThat(frames).isEqualTo(expected.size()).isPositive();
        assertThat(read).hasSameSizeAs(expected);
        for (int i = 0; i < read.size(); i++) {
            // ERSPAN carries the frame as captured: a frame the original capture cut short (snaplen) arrives that
            // long, so its length on the wire is the captured one; everything else is the original's
            Packet copy = read.get(i);
            Packet e = expected.get(i);
            assertThat(copy.wireLength()).isLessThanOrEqualTo(e.wireLength());
            assertThat(copy).isEqualTo(new Packet(e.frame(), e.epochNanos(), e.interfaceId(), copy.wireLength(),
                    e.link(), e.ip(), e.tcp(), e.udp(), e.icmp(), e.arp(), e.tunnel(), e.truncated()));
        }
        if (capture.startsWith("captures/real")) { // captured whole
            assertThat(read).isEqualTo(expected);
        }

        DiagnosisReport direct = Diagnosis.analyze(List.of(original), List.of());
        DiagnosisReport viaMirror = Diagnosis.analyze(List.of(mirrored), List.of());
        assertThat(direct.findings()).isNotEmpty();
        assertThat(viaMirror.findings()).isEqualTo(direct.findings());
        assertThat(viaMirror.conversations()).isEqualTo(direct.conversations());
    }
}

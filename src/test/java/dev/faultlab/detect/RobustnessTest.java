package dev.faultlab.detect;

import dev.faultlab.capture.read.CaptureFormatException;
import dev.faultlab.capture.testing.ErspanMirror;
import dev.faultlab.capture.testing.GeneveRewrite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Damaged input never crashes the analysis: truncated files, flipped bits and random bytes after a valid header
 * are read as far as they go (bad frames counted); files that are not captures at all fail with one line.
 */
class RobustnessTest {
    private static final long SEED = 20260101L;

    @TempDir
    Path dir;

    private List<Path> sources() throws Exception {
        IncidentCases cases = new IncidentCases(dir.resolve("cases"));
        // the tunnels' headers too: Geneve with options (a real VXLAN capture rewritten), GRE with options (real),
        // ERSPAN III (a real capture mirrored)
        Path geneve = dir.resolve("geneve.pcap");
        Path vxlan = Path.of("src/test/resources/fixtures/vxlan-stale-neighbor/v6-underlay-4789/n1-eth0.pcap");
        GeneveRewrite.rewrite(vxlan, geneve, 2, false);
        Path erspan = dir.resolve("erspan.pcap");
        Path node = Path.of("src/test/resources/captures/real/node-1-eth0.pcap");
        ErspanMirror.mirror(node, erspan, ErspanMirror.Type.III);
        return List.of(cases.tunnelMtuBlackhole(false).captures().get(0), cases.vxlanStaleNeighbor(false).captures()
                .get(0), cases.timewaitNodeSnat().captures().get(0), geneve, erspan,
                Path.of(RobustnessTest.class.getResource("/captures/real/gre-options.pcap").toURI()));
    }

    @Test
    void truncatedAtEveryFewBytes() throws Exception {
        for (Path source : sources()) {
            byte[] bytes = Files.readAllBytes(source);
            for (int length = 28; length < bytes.length; length += 37) {
                Path cut = dir.resolve("cut.pcapng");
                Files.write(cut, java.util.Arrays.copyOf(bytes, length));
                DiagnosisReport report = Diagnosis.analyze(List.of(cut), List.of());
                assertThat(report.packets()).isLessThanOrEqualTo(200);
            }
        }
    }

    @Test
    void bitFlipsAnywhere() throws Exception {
        Random random = new Random(SEED);
        for (Path source : sources()) {
            byte[] original = Files.readAllBytes(source);
            for (int round = 0; round < 300; round++) {
                byte[] bytes = original.clone();
                for (int flips = 0; flips < 1 + round % 8; flips++) {
                    int at = 24 + random.nextInt(bytes.length - 24);
                    bytes[at] ^= (byte) (1 << random.nextInt(8));
                }
                Path damaged = dir.resolve("flipped.pcapng");
                Files.write(damaged, bytes);
                Diagnosis.analyze(List.of(damaged), List.of());
            }
        }
    }

    @Test
    void randomFramesBehindValidHeaders() throws Exception {
        Random random = new Random(SEED);
        for (int round = 0; round < 200; round++) {
            Path file = dir.resolve("random.pcap");
            int linkType = new int[]{1, 113, 276, 101, 0, 108, 12345}[round % 7];
            try (var out = Files.newOutputStream(file)) {
                java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(24).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                        .putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                        .putInt(65535).putInt(linkType);
                out.write(header.array());
                for (int frame = 0; frame < 50; frame++) {
                    byte[] data = new byte[random.nextInt(120)];
                    random.nextBytes(data);
                    java.nio.ByteBuffer record = java.nio.ByteBuffer.allocate(16).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                            .putInt(frame).putInt(0).putInt(data.length).putInt(data.length);
                    out.write(record.array());
                    out.write(data);
                }
            }
            DiagnosisReport report = Diagnosis.analyze(List.of(file), List.of());
            assertThat(report.packets() + report.badFrames()).isEqualTo(50);
        }
    }

    @Test
    void notACaptureIsOneClearLine() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello, this is not a capture\n");
        Path empty = Files.write(dir.resolve("empty.pcap"), new byte[0]);
        Path shortHeader = Files.write(dir.resolve("short.pcap"), new byte[]{(byte) 0xd4, (byte) 0xc3, (byte) 0xb2,
                (byte) 0xa1, 2, 0});
        for (Path bad : List.of(text, empty, shortHeader, dir.resolve("missing.pcap"))) {
            assertThatThrownBy(() -> Diagnosis.analyze(List.of(bad), List.of()))
                    .isInstanceOf(CaptureFormatException.class)
                    .hasMessageStartingWith(bad.toString())
                    .hasMessageNotContaining("\n");
        }
    }
}

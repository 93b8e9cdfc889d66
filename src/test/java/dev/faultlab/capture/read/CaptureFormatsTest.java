package dev.faultlab.capture.read;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Captures as customers send them: gzip'd and zstd'd (told by magic bytes, whatever the name), the "modified" pcap
 * magic, Solaris snoop (real files from ../shared/captures, facts from its README), and a damaged gzip stream.
 */
class CaptureFormatsTest {
    private static final Path SHARED = Path.of("../shared/captures");

    @TempDir
    Path dir;

    private static List<String> summaries(Path file) {
        List<String> out = new ArrayList<>();
        try (CaptureReader reader = CaptureReader.open(file)) {
            for (Packet p = reader.next(); p != null; p = reader.next()) {
                out.add(p.summary() + " @" + p.epochNanos() + " " + p.wireLength());
            }
            assertThat(reader.badFrames()).isZero();
        }
        return out;
    }

    private static Path shared(String name) {
        Path file = SHARED.resolve(name);
        assumeTrue(Files.isRegularFile(file), "needs " + file);
        return file;
    }

    private static Path real(String name) throws Exception {
        return Path.of(CaptureFormatsTest.class.getResource("/captures/real/" + name).toURI());
    }

    @Test
    void gzipIsToldByItsMagicNotItsName() throws Exception {
        for (String name : List.of("node-1-eth0.pcap", "multi.pcapng")) {
            Path gz = dir.resolve(name + ".renamed");
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
                Files.copy(real(name), out);
            }
            assertThat(summaries(gz)).isNotEmpty().isEqualTo(summaries(real(name)));
        }
    }

    @Test
    void zstdReadsAsItsUncompressedTwin() {
        assertThat(summaries(shared("pcapplusplus__pcapng-example.pcapng.zst")))
                .hasSize(159).isEqualTo(summaries(shared("pcapplusplus__pcapng-example.pcapng")));
    }

    @Test
    void modifiedPcapMagic() {
        List<Packet> packets = new ArrayList<>();
        try (CaptureReader reader = CaptureReader.open(shared("pcap-parser__modified-format.pcap"))) {
            reader.forEach(packets::add);
        }
        assertThat(packets).hasSize(1);
        assertThat(packets.get(0).icmp()).isNotNull();
        assertThat(packets.get(0).link().linkType()).isEqualTo(1);
    }

    @Test
    void solarisSnoop() {
        List<Packet> packets = new ArrayList<>();
        try (CaptureReader reader = CaptureReader.open(shared("pcapplusplus__solaris.snoop"))) {
            reader.forEach(packets::add);
            assertThat(reader.badFrames()).isZero();
        }
        assertThat(packets).hasSize(250);
        assertThat(packets).filteredOn(p -> p.tcp() != null && p.tcp().destinationPort() == 22
                || p.tcp() != null && p.tcp().sourcePort() == 22).isNotEmpty();
        for (int i = 1; i < packets.size(); i++) {
            assertThat(packets.get(i).epochNanos()).isGreaterThanOrEqualTo(packets.get(i - 1).epochNanos());
        }
    }

    private Path gzipOf(String name, int copies) throws Exception {
        Path gz = dir.resolve(name + ".gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            for (int i = 0; i < copies; i++) {
                Files.copy(real(name), out);
            }
        }
        return gz;
    }

    private static long offsetIn(Throwable e) {
        return Long.parseLong(e.getMessage().replaceAll(".*corrupt gzip stream at byte (\\d+) .*", "$1"));
    }

    @Test
    void cutGzipIsOneLineWithFileAndWhereItEnds() throws Exception {
        Path gz = gzipOf("any-sll.pcap", 200);
        byte[] bytes = Files.readAllBytes(gz);
        Files.write(gz, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> summaries(gz)).isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining(gz.toString()).hasMessageNotContaining("\n")
                .satisfies(e -> assertThat(offsetIn(e)).isEqualTo(bytes.length / 2));
    }

    @Test
    void damagedGzipIsOneLineWithFileAndOffset() throws Exception {
        Path gz = gzipOf("any-sll.pcap", 200);
        byte[] bytes = Files.readAllBytes(gz);
        int damage = bytes.length / 2;
        for (int i = damage; i < damage + 64; i++) {
            bytes[i] ^= 0x5a;
        }
        Files.write(gz, bytes);
        // inflating may fail at the damage or, when the garbage still inflates, at the checksum at the end
        assertThatThrownBy(() -> {
            try (CaptureReader reader = CaptureReader.open(gz)) {
                reader.forEach(p -> { });
            }
        }).isInstanceOf(CaptureFormatException.class).hasMessageContaining(gz.toString())
                .hasMessageNotContaining("\n")
                .satisfies(e -> assertThat(offsetIn(e)).isBetween((long) damage, (long) bytes.length));
    }
}

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

/** Decoding ahead on another thread keeps the file order, the reader's counts, and the reader's failures. */
class PacketPrefetcherTest {
    @TempDir
    Path dir;

    private static Path real(String name) throws Exception {
        return Path.of(PacketPrefetcherTest.class.getResource("/captures/real/" + name).toURI());
    }

    /** A synthetic capture of several batches (1024 packets each) and a part batch. */
    @Test
    void samePacketsInTheSameOrderAcrossBatches() throws Exception {
        Path capture = dir.resolve("synthetic.pcap");
        dev.faultlab.detect.bench.SyntheticCapture.main(new String[]{capture.toString(), "5000"});
        List<String> direct = new ArrayList<>();
        List<String> ahead = new ArrayList<>();
        long directPackets;
        try (CaptureReader reader = CaptureReader.open(capture)) {
            reader.forEach(p -> direct.add(p.summary()));
            directPackets = reader.packets();
        }
        try (CaptureReader reader = CaptureReader.open(capture);
             PacketPrefetcher prefetcher = new PacketPrefetcher(reader)) {
            for (Packet p = prefetcher.next(); p != null; p = prefetcher.next()) {
                ahead.add(p.summary());
            }
            assertThat(prefetcher.next()).isNull();
            assertThat(reader.packets()).isEqualTo(directPackets);
        }
        assertThat(ahead).hasSizeGreaterThan(4 * 1024).isEqualTo(direct);
    }

    @Test
    void theReadersFailureIsThrownToTheConsumer() throws Exception {
        Path gz = dir.resolve("cut.pcap.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            for (int i = 0; i < 300; i++) {
                Files.copy(real("any-sll.pcap"), out);
            }
        }
        byte[] bytes = Files.readAllBytes(gz);
        Files.write(gz, java.util.Arrays.copyOf(bytes, bytes.length * 2 / 3));
        assertThatThrownBy(() -> {
            try (CaptureReader reader = CaptureReader.open(gz);
                 PacketPrefetcher prefetcher = new PacketPrefetcher(reader)) {
                while (prefetcher.next() != null) {
                    // drain
                }
            }
        }).isInstanceOf(CaptureFormatException.class).hasMessageContaining(gz.toString());
    }

    @Test
    void closingEarlyStopsTheThread() throws Exception {
        try (CaptureReader reader = CaptureReader.open(real("any-sll2.pcap"))) {
            PacketPrefetcher prefetcher = new PacketPrefetcher(reader);
            assertThat(prefetcher.next()).isNotNull();
            prefetcher.close();
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("faultlab-read-any-sll2.pcap"));
        }
    }

    /** The packets handed alongside are every packet, in file order, each before the consumer gets it. */
    @Test
    void alongsideSeesEveryPacketInOrderBeforeTheConsumer() throws Exception {
        Path capture = dir.resolve("synthetic.pcap");
        dev.faultlab.detect.bench.SyntheticCapture.main(new String[]{capture.toString(), "5000"});
        List<Packet> seenAlongside = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Packet> consumed = new ArrayList<>();
        try (CaptureReader reader = CaptureReader.open(capture);
             PacketPrefetcher prefetcher = new PacketPrefetcher(reader, seenAlongside::add)) {
            for (Packet p = prefetcher.next(); p != null; p = prefetcher.next()) {
                assertThat(seenAlongside.size()).isGreaterThan(consumed.size()); // p was handed alongside
                consumed.add(p);
            }
        }
        assertThat(consumed).hasSizeGreaterThan(4 * 1024);
        assertThat(seenAlongside).containsExactlyElementsOf(consumed);
    }

    @Test
    void aFailureAlongsideIsThrownToTheConsumer() throws Exception {
        IllegalStateException boom = new IllegalStateException("detector failed");
        assertThatThrownBy(() -> {
            try (CaptureReader reader = CaptureReader.open(real("any-sll2.pcap"));
                 PacketPrefetcher prefetcher = new PacketPrefetcher(reader, p -> {
                     throw boom;
                 })) {
                while (prefetcher.next() != null) {
                    // drain
                }
            }
        }).isSameAs(boom);
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().startsWith("faultlab-packets-any-sll2"));
    }
}

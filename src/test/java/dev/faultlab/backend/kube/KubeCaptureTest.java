package dev.faultlab.backend.kube;

import dev.faultlab.capture.CaptureFileWriter;
import dev.faultlab.capture.CaptureRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The pieces of a capture on a real node that run here: the tcpdump command and the pcap to pcapng rewrite. */
class KubeCaptureTest {
    @Test
    void tcpdumpWritesUnbufferedWithTheFilterAsOneArgument() {
        CaptureRequest request = CaptureRequest.of("flannel.1", Path.of("x.pcapng")).withFilter("tcp port 80")
                .withSnaplen(256);
        assertThat(TcpdumpCapture.command(request, "/tmp/faultlab/c.pcap")).containsExactly("tcpdump", "-i",
                "flannel.1", "-n", "-U", "-s", "256", "-w", "/tmp/faultlab/c.pcap", "tcp port 80");
        assertThat(TcpdumpCapture.command(CaptureRequest.of("eth0", Path.of("y")), "/f")).last().isEqualTo("/f");
    }

    @Test
    void aTcpdumpPcapBecomesPcapngWithEveryFrameAndItsTime(@TempDir Path dir) throws Exception {
        Path pcap = dir.resolve("node.pcap");
        Instant t0 = Instant.parse("2026-11-22T00:00:01.000002Z");
        try (CaptureFileWriter writer = CaptureFileWriter.pcap(pcap, CaptureFileWriter.LINKTYPE_ETHERNET, 65535)) {
            writer.write(t0, new byte[60]);
            writer.write(t0.plusMillis(5), new byte[1514], 1514);
            writer.write(t0.plusMillis(9), new byte[42]);
        }
        Path pcapng = dir.resolve("node.pcapng");
        assertThat(PcapToPcapng.convert(pcap, pcapng, "eth0")).isEqualTo(3);
        ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(pcapng)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(file.getInt(0)).isEqualTo(0x0A0D0D0A);
        int idb = file.getInt(4);
        assertThat(file.getShort(idb + 8)).isEqualTo((short) CaptureFileWriter.LINKTYPE_ETHERNET);
        int epb = idb + file.getInt(idb + 4);
        assertThat(file.getInt(epb)).isEqualTo(6);
        long micros = ((long) file.getInt(epb + 12) << 32) | Integer.toUnsignedLong(file.getInt(epb + 16));
        assertThat(micros).isEqualTo(t0.getEpochSecond() * 1_000_000L + 2);
        assertThat(file.getInt(epb + 20)).isEqualTo(60);
    }
}

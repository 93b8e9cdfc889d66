package dev.faultlab.detect.bench;

import dev.faultlab.capture.CaptureFileWriter;
import dev.faultlab.capture.read.CaptureReader;
import dev.faultlab.capture.read.Packet;
import dev.faultlab.capture.testing.Frames;
import dev.faultlab.capture.testing.TcpConversation;
import dev.faultlab.detect.Diagnosis;
import dev.faultlab.detect.DiagnosisReport;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.Pcaps;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Speed and memory of reading a large capture, against peers measured in the same run on the same file:
 * pcap4j's offline reading (libpcap, raw frames, no decoding) and tshark (full dissection, one field out).
 * Not a test: run {@code ci/bench/capture-reader.sh [PACKETS]}, which also caps the heap to show the analysis
 * streams. Prints one line per contender and the ratios.
 */
public final class CaptureReaderBench {
    private static final UnaryOperator<byte[]> ETHERNET = ip -> Frames.ethernet(Frames.MAC_A, Frames.MAC_B, ip);

    private CaptureReaderBench() {
    }

    public static void main(String[] args) throws Exception {
        long wanted = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000;
        Path file = Files.createTempFile("faultlab-bench", ".pcap");
        try {
            long written = generate(file, wanted);
            System.out.printf(Locale.ROOT, "capture: %d packets, %.0f MB, heap limit %d MB%n", written,
                    Files.size(file) / 1e6, Runtime.getRuntime().maxMemory() >> 20);
            Result decode = measure("faultlab CaptureReader (full decode)", () -> decodeAll(file));
            Result diagnose = measure("faultlab Diagnosis.analyze (decode + conversations + 7 detectors)",
                    () -> diagnose(file));
            Result pcap4j = measure("pcap4j 1.8.2 offline getNextRawPacket (libpcap, no decode)",
                    () -> pcap4jRaw(file));
            Result tshark = tshark(file, written);
            System.out.printf(Locale.ROOT, "ratios: decode/pcap4j-raw %.2fx, decode/tshark %.1fx, diagnose/tshark %.1fx%n",
                    decode.packetsPerSecond() / pcap4j.packetsPerSecond(),
                    decode.packetsPerSecond() / tshark.packetsPerSecond(),
                    diagnose.packetsPerSecond() / tshark.packetsPerSecond());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Healthy 10-packet conversations, with every 50th connect failing (SYNs retransmitted, unanswered). */
    private static long generate(Path file, long wanted) {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        long count = 0;
        try (CaptureFileWriter writer = CaptureFileWriter.pcap(file, CaptureFileWriter.LINKTYPE_ETHERNET, 65535)) {
            for (int i = 0; count < wanted; i++) {
                String client = "10.244." + (1 + i % 4) + "." + (2 + (i >> 2) % 200);
                TcpConversation c = new TcpConversation(client, 20000 + (i % 40000), "10.244.9." + (2 + i % 7), 8080,
                        i * 7919L, i * 104729L).timestamps(i * 13L, i * 17L);
                Instant start = t0.plus(Duration.ofMillis(i));
                byte[][] packets = i % 50 == 49 ? new byte[][]{c.syn(), c.syn(), c.syn()}
                        : new byte[][]{c.syn(), c.synAck(), c.handshakeAck(), c.clientData(120), c.serverAck(),
                        c.serverData(900), c.clientAck(), c.serverFin(), c.clientFin(), c.serverAck()};
                for (int k = 0; k < packets.length; k++) {
                    writer.write(start.plus(Duration.ofNanos(k * 1000L + (i % 50 == 49 ? k * 1_000_000_000L : 0))),
                            ETHERNET.apply(packets[k]));
                    count++;
                }
            }
        }
        return count;
    }

    private interface Run {
        long packets() throws Exception;
    }

    private record Result(String name, long packets, double seconds, long peakHeapMb) {
        double packetsPerSecond() {
            return packets / seconds;
        }
    }

    private static Result measure(String name, Run run) throws Exception {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        long packets = run.packets();
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20;
        Result result = new Result(name, packets, seconds, peak);
        System.out.printf(Locale.ROOT, "%-70s %9d packets %7.2f s %,12.0f packets/s  peak heap %4d MB%n", name,
                packets, seconds, result.packetsPerSecond(), peak);
        return result;
    }

    private static long decodeAll(Path file) {
        long tcp = 0;
        try (CaptureReader reader = CaptureReader.open(file)) {
            for (Packet p = reader.next(); p != null; p = reader.next()) {
                tcp += p.tcp() != null ? 1 : 0;
            }
            if (tcp == 0) {
                throw new IllegalStateException("nothing decoded");
            }
            return reader.packets();
        }
    }

    private static long diagnose(Path file) {
        DiagnosisReport report = Diagnosis.analyze(List.of(file), List.of());
        if (report.findings().isEmpty()) {
            throw new IllegalStateException("the failing connects were not found");
        }
        return report.packets();
    }

    private static long pcap4jRaw(Path file) throws Exception {
        long packets = 0;
        PcapHandle handle = Pcaps.openOffline(file.toString());
        try {
            while (handle.getNextRawPacket() != null) {
                packets++;
            }
        } finally {
            handle.close();
        }
        return packets;
    }

    /** tshark in a child process; its peak memory is its maximum resident set (from /usr/bin/time). */
    private static Result tshark(Path file, long expected) throws IOException, InterruptedException {
        Path rss = Files.createTempFile("faultlab-bench", ".rss");
        try {
            ProcessBuilder builder = new ProcessBuilder(List.of("/usr/bin/time", "-f", "%M", "-o", rss.toString(),
                    "tshark", "-n", "-r", file.toString(), "-T", "fields", "-e", "tcp.seq_raw"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            long start = System.nanoTime();
            Process process = builder.start();
            long lines;
            try (var out = process.getInputStream()) {
                lines = new String(out.readAllBytes()).lines().count();
            }
            process.waitFor();
            double seconds = (System.nanoTime() - start) / 1e9;
            long peakMb = Long.parseLong(Files.readString(rss).strip().lines().reduce((a, b) -> b).orElse("0")) >> 10;
            Result result = new Result("tshark -T fields -e tcp.seq_raw (full dissection)", lines, seconds, peakMb);
            System.out.printf(Locale.ROOT, "%-70s %9d packets %7.2f s %,12.0f packets/s  peak RSS  %4d MB%s%n",
                    result.name(), lines, seconds, result.packetsPerSecond(), peakMb,
                    lines == expected ? "" : " (line count differs!)");
            return result;
        } finally {
            Files.deleteIfExists(rss);
        }
    }
}

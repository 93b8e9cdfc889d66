package dev.faultlab.scenario.report;

import dev.faultlab.capture.CaptureFileWriter;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes observations back out as real pcapng files (Ethernet/IPv4/TCP frames), one per capture file. */
final class CaptureFixtures {
    private static final List<String> FLAG_NAMES = List.of("FIN", "SYN", "RST", "PSH", "ACK");

    private CaptureFixtures() {
    }

    /** Writes each capture's observations, in frame order, into {@code dir}; returns the files. */
    static List<Path> write(List<Observation> observations, Path dir) {
        Map<String, List<Observation>> byFile = new LinkedHashMap<>();
        observations.forEach(o -> byFile.computeIfAbsent(o.captureFile(), f -> new ArrayList<>()).add(o));
        List<Path> files = new ArrayList<>();
        byFile.forEach((name, frames) -> {
            Path file = dir.resolve(name);
            try (CaptureFileWriter writer = CaptureFileWriter.pcapng(file, CaptureFileWriter.LINKTYPE_ETHERNET,
                    65535, "eth0")) {
                frames.stream().sorted((a, b) -> Long.compare(a.frame(), b.frame()))
                        .forEach(o -> writer.write(o.time(), frame(o)));
            }
            files.add(file);
        });
        return files;
    }

    static byte[] frame(Observation o) {
        int optionBytes = o.sack().isEmpty() ? 0 : (2 + 2 + 8 * o.sack().size() + 3) / 4 * 4;
        int tcpLength = 20 + optionBytes;
        int ipLength = 20 + tcpLength + o.length();
        ByteBuffer b = ByteBuffer.allocate(14 + ipLength);
        b.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
        b.put((byte) 0x45).put((byte) 0).putShort((short) ipLength).putShort((short) (o.frame() & 0xffff))
                .putShort((short) (o.dontFragment() ? 0x4000 : 0)).put((byte) 64).put((byte) 6).putShort((short) 0)
                .put(address(o.source())).put(address(o.destination()));
        b.putShort((short) o.sourcePort()).putShort((short) o.destinationPort()).putInt((int) o.seq())
                .putInt((int) o.ack()).put((byte) (tcpLength / 4 << 4)).put((byte) flags(o.flags()))
                .putShort((short) 64240).putShort((short) 0).putShort((short) 0);
        if (!o.sack().isEmpty()) {
            b.put((byte) 1).put((byte) 1).put((byte) 5).put((byte) (2 + 8 * o.sack().size()));
            o.sack().forEach(r -> b.putInt((int) r.left()).putInt((int) r.right()));
            while (b.position() < 14 + 20 + tcpLength) {
                b.put((byte) 1);
            }
        }
        return b.array();
    }

    private static int flags(String names) {
        int bits = 0;
        for (String name : names.split(",")) {
            bits |= 1 << FLAG_NAMES.indexOf(name);
        }
        return bits;
    }

    private static byte[] address(String ip) {
        try {
            return InetAddress.getByName(ip).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(ip, e);
        }
    }
}

package dev.faultlab.backend.kube;

import dev.faultlab.capture.CaptureFileWriter;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Rewrites a classic pcap file (what {@code tcpdump -w} writes on a real node) as pcapng through the project's
 * {@link CaptureFileWriter}, so every capture a run stores has the same format whichever backend made it.
 */
final class PcapToPcapng {
    private static final int MAGIC_MICROS = 0xa1b2c3d4;
    private static final int MAGIC_NANOS = 0xa1b23c4d;

    private PcapToPcapng() {
    }

    /** Converts {@code pcap} into {@code pcapng} (interface named {@code device}); returns the frame count. */
    static long convert(Path pcap, Path pcapng, String device) {
        try (InputStream raw = Files.newInputStream(pcap); DataInputStream in = new DataInputStream(raw)) {
            byte[] header = in.readNBytes(24);
            if (header.length < 24) {
                throw new IOException("not a pcap file (" + header.length + " bytes)");
            }
            ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
            int magic = h.getInt(0);
            if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
                h.order(ByteOrder.BIG_ENDIAN);
                magic = h.getInt(0);
            }
            if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
                throw new IOException("not a pcap file (magic " + Integer.toHexString(magic) + ")");
            }
            boolean nanos = magic == MAGIC_NANOS;
            int snaplen = h.getInt(16);
            int linkType = h.getInt(20);
            try (CaptureFileWriter writer = CaptureFileWriter.pcapng(pcapng, linkType, snaplen, device)) {
                copyRecords(in, h.order(), nanos, writer);
                return writer.frames();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot convert " + pcap + " to pcapng: " + e.getMessage(), e);
        }
    }

    private static void copyRecords(DataInputStream in, ByteOrder order, boolean nanos, CaptureFileWriter writer)
            throws IOException {
        byte[] record = new byte[16];
        while (true) {
            try {
                in.readFully(record);
            } catch (EOFException e) {
                return;
            }
            ByteBuffer r = ByteBuffer.wrap(record).order(order);
            long seconds = Integer.toUnsignedLong(r.getInt(0));
            long fraction = Integer.toUnsignedLong(r.getInt(4));
            int captured = r.getInt(8);
            int original = r.getInt(12);
            byte[] frame = in.readNBytes(captured);
            if (frame.length < captured) {
                return;
            }
            writer.write(Instant.ofEpochSecond(seconds, nanos ? fraction : fraction * 1000), frame, original);
        }
    }
}

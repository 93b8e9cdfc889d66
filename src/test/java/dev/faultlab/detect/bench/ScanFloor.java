package dev.faultlab.detect.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A gauge for the diagnose benchmark, not a diagnosis: the least any JVM program that looks at every TCP segment of
 * a pcap pays, start-up included. It reads each record, parses Ethernet, IPv4 and TCP, and finds the segment's
 * 4-tuple in one open-addressing table of primitive arrays (counting repeated sequence numbers, so the work cannot
 * be optimised away). Everything a diagnosis does beyond that (decoded records, several detectors' per-connection
 * state, conversation tracking) is the distance between this line and {@code faultlab diagnose} in the benchmark's
 * table. Classic pcap with Ethernet frames only (what {@link SyntheticCapture} writes).
 * Usage: {@code ScanFloor FILE}; prints the packets, the 4-tuples and the repeated sequence numbers seen.
 */
public final class ScanFloor {
    private static final int RECORD_HEADER = 16;
    private static final int TABLE = 1 << 20;

    private final long[] keys = new long[TABLE * 2];
    private final int[] lastSeq = new int[TABLE];
    private final boolean[] used = new boolean[TABLE];
    private long packets;
    private long flows;
    private long repeats;

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ScanFloor FILE.pcap");
            System.exit(2);
        }
        ScanFloor scan = new ScanFloor();
        scan.read(Path.of(args[0]));
        System.out.println(scan.packets + " packets, " + scan.flows + " 4-tuples, " + scan.repeats
                + " repeated sequence numbers");
    }

    private void read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 22);
            channel.read(buffer);
            buffer.flip();
            int magic = buffer.getInt(0);
            if (magic == 0xd4c3b2a1) {
                buffer.order(ByteOrder.LITTLE_ENDIAN);
            } else if (magic != 0xa1b2c3d4) {
                throw new IOException(file + ": not a classic microsecond pcap");
            }
            buffer.position(24);
            while (true) {
                if (buffer.remaining() < RECORD_HEADER
                        || buffer.remaining() < RECORD_HEADER + buffer.getInt(buffer.position() + 8)) {
                    buffer.compact();
                    int read = channel.read(buffer);
                    buffer.flip();
                    if (read < 0) {
                        return;
                    }
                    continue;
                }
                int at = buffer.position();
                int length = buffer.getInt(at + 8);
                segment(buffer, at + RECORD_HEADER, length);
                buffer.position(at + RECORD_HEADER + length);
            }
        }
    }

    private void segment(ByteBuffer frame, int at, int length) {
        packets++;
        if (length < 54 || unsigned16(frame, at + 12) != 0x0800 || (frame.get(at + 23) & 0xff) != 6) {
            return;
        }
        int ip = at + 14;
        int tcp = ip + (frame.get(ip) & 0x0f) * 4;
        long addresses = (long) bigEndian32(frame, ip + 12) << 32 | (bigEndian32(frame, ip + 16) & 0xffffffffL);
        long ports = bigEndian32(frame, tcp) & 0xffffffffL;
        int seq = bigEndian32(frame, tcp + 4);
        long h = (addresses * 0x9E3779B97F4A7C15L ^ ports) * 0xC2B2AE3D27D4EB4FL;
        int slot = (int) (h ^ h >>> 29) & TABLE - 1;
        while (used[slot] && (keys[slot * 2] != addresses || keys[slot * 2 + 1] != ports)) {
            slot = slot + 1 & TABLE - 1;
        }
        if (!used[slot]) {
            if (flows >= TABLE / 2) {
                return; // full enough: a gauge need not grow
            }
            used[slot] = true;
            keys[slot * 2] = addresses;
            keys[slot * 2 + 1] = ports;
            flows++;
        } else if (lastSeq[slot] == seq) {
            repeats++;
        }
        lastSeq[slot] = seq;
    }

    private static int bigEndian32(ByteBuffer b, int at) {
        int v = b.getInt(at);
        return b.order() == ByteOrder.BIG_ENDIAN ? v : Integer.reverseBytes(v);
    }

    private static int unsigned16(ByteBuffer b, int at) {
        short v = b.getShort(at);
        return Short.toUnsignedInt(b.order() == ByteOrder.BIG_ENDIAN ? v : Short.reverseBytes(v));
    }
}

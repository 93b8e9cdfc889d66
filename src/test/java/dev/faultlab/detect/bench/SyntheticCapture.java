package dev.faultlab.detect.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * Writes a large pcap of synthetic TCP traffic fast (frames patched into one buffer, no per-packet objects):
 * 10-packet healthy conversations (handshake, a 120-byte request, a 900-byte answer, FIN both ways) between
 * pod addresses, with every 50th connect failing (its SYN sent three times, 1 s and 3 s apart, never
 * answered): the failure pattern a diagnosis must find among a million healthy packets. Packets are written in
 * time order, as a capture has them (the SYN retries wait in a queue until their time comes).
 * Usage: {@code SyntheticCapture FILE PACKETS}; prints the packet count written.
 */
public final class SyntheticCapture {
    private static final long T0_SECONDS = 1_767_225_600L; // 2026-01-01T00:00:00Z
    private static final int FAILING_EVERY = 50;
    private static final int SYN = 0x02;
    private static final int ACK = 0x10;
    private static final int PSH_ACK = 0x18;
    private static final int FIN_ACK = 0x11;
    private static final int SYN_ACK = 0x12;
    private static final int HEADERS = 14 + 20 + 32;

    private final OutputStream out;
    private final byte[] frame = new byte[HEADERS + 1500];
    private final ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    private int ipId;
    /** SYN retransmissions not yet due, earliest first. */
    private final PriorityQueue<Retry> retries = new PriorityQueue<>(Comparator.comparingLong(Retry::nanos));

    private record Retry(long nanos, int client, int server, int clientPort, long seq, long tsVal) {
    }

    private SyntheticCapture(OutputStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        long wanted = Long.parseLong(args[1]);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            System.out.println(new SyntheticCapture(out).write(wanted));
        }
    }

    private long write(long wanted) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535)
                .putInt(1);
        out.write(header.array());
        long count = 0;
        for (int i = 0; count < wanted; i++) {
            count += due(i * 1_000_000L);
            count += conversation(i);
        }
        return count + due(Long.MAX_VALUE);
    }

    /** One conversation starting i ms after T0; returns the packets written. */
    private int conversation(int i) throws IOException {
        int client = 0x0af40000 | (1 + i % 4) << 8 | (2 + (i >> 2) % 200);
        int server = 0x0af40900 | (2 + i % 7);
        int clientPort = 20000 + i % 40000;
        int serverPort = 8080;
        long c = i * 7919L & 0xffffffffL;
        long s = i * 104729L & 0xffffffffL;
        long start = i * 1_000_000L;
        long ts = i * 13L;
        if (i % FAILING_EVERY == FAILING_EVERY - 1) {
            packet(start, client, server, clientPort, serverPort, c, 0, SYN, 0, ts, 0);
            retries.add(new Retry(start + 1_000_000_000L, client, server, clientPort, c, ts + 1000));
            retries.add(new Retry(start + 3_000_000_000L, client, server, clientPort, c, ts + 2000));
            return 1;
        }
        Side from = new Side(client, server, clientPort, serverPort);
        Side to = new Side(server, client, serverPort, clientPort);
        long us = 1000;
        packet(start, from, c, 0, SYN, 0, ts, 0);
        packet(start + us, to, s, c + 1, SYN_ACK, 0, ts + 5, ts);
        packet(start + 2 * us, from, c + 1, s + 1, ACK, 0, ts + 1, ts + 5);
        packet(start + 3 * us, from, c + 1, s + 1, PSH_ACK, 120, ts + 1, ts + 5);
        packet(start + 4 * us, to, s + 1, c + 121, ACK, 0, ts + 6, ts + 1);
        packet(start + 5 * us, to, s + 1, c + 121, PSH_ACK, 900, ts + 6, ts + 1);
        packet(start + 6 * us, from, c + 121, s + 901, ACK, 0, ts + 2, ts + 6);
        packet(start + 7 * us, to, s + 901, c + 121, FIN_ACK, 0, ts + 7, ts + 2);
        packet(start + 8 * us, from, c + 121, s + 902, FIN_ACK, 0, ts + 3, ts + 7);
        packet(start + 9 * us, to, s + 902, c + 122, ACK, 0, ts + 8, ts + 3);
        return 10;
    }

    /** Writes the retries due before {@code nanos}; returns how many. */
    private int due(long nanos) throws IOException {
        int written = 0;
        while (!retries.isEmpty() && retries.peek().nanos() < nanos) {
            Retry r = retries.poll();
            packet(r.nanos(), r.client(), r.server(), r.clientPort(), 8080, r.seq(), 0, SYN, 0, r.tsVal(), 0);
            written++;
        }
        return written;
    }

    private record Side(int source, int destination, int sourcePort, int destinationPort) {
    }

    private void packet(long nanos, Side side, long seq, long ack, int flags, int payload, long tsVal, long tsEcr)
            throws IOException {
        packet(nanos, side.source, side.destination, side.sourcePort, side.destinationPort, seq, ack, flags, payload,
                tsVal, tsEcr);
    }

    private void packet(long nanos, int source, int destination, int sourcePort, int destinationPort, long seq,
                        long ack, int flags, int payload, long tsVal, long tsEcr) throws IOException {
        ByteBuffer f = ByteBuffer.wrap(frame);
        f.put(new byte[]{2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2}).putShort((short) 0x0800);
        f.put((byte) 0x45).put((byte) 0).putShort((short) (20 + 32 + payload)).putShort((short) ipId++)
                .putShort((short) 0x4000).put((byte) 64).put((byte) 6).putShort((short) 0)
                .putInt(source).putInt(destination);
        f.putShort((short) sourcePort).putShort((short) destinationPort).putInt((int) seq).putInt((int) ack)
                .put((byte) (8 << 4)).put((byte) flags).putShort((short) 64240).putInt(0)
                .put((byte) 1).put((byte) 1).put((byte) 8).put((byte) 10).putInt((int) tsVal).putInt((int) tsEcr);
        int length = HEADERS + payload;
        long seconds = T0_SECONDS + nanos / 1_000_000_000L;
        record.clear();
        record.putInt((int) seconds).putInt((int) (nanos % 1_000_000_000L / 1000)).putInt(length).putInt(length);
        out.write(record.array());
        out.write(frame, 0, length);
    }
}

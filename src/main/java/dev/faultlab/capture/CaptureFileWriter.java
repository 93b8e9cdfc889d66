package dev.faultlab.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes frames to a capture file that Wireshark, tshark and tcpdump open: pcapng (the default for lab runs)
 * or classic pcap. One interface, one link type per file. Not thread-safe: one writer per capture thread.
 */
public final class CaptureFileWriter implements AutoCloseable {
    /** Link-layer header types (tcpdump.org/linktypes.html) the lab writes. */
    public static final int LINKTYPE_ETHERNET = 1;
    public static final int LINKTYPE_RAW = 101;
    public static final int LINKTYPE_LINUX_SLL = 113;
    public static final int LINKTYPE_LINUX_SLL2 = 276;

    private final OutputStream out;
    private final boolean pcapng;
    private final int snaplen;
    private long frames;

    private CaptureFileWriter(Path file, boolean pcapng, int linkType, int snaplen, String interfaceName) {
        this.pcapng = pcapng;
        this.snaplen = snaplen;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            if (pcapng) {
                writeSectionHeader();
                writeInterfaceDescription(linkType, snaplen, interfaceName);
            } else {
                writePcapHeader(linkType, snaplen);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write capture file " + file + ": " + e.getMessage(), e);
        }
    }

    /** A pcapng file with one interface; {@code interfaceName} is stored as if_name (may be null). */
    public static CaptureFileWriter pcapng(Path file, int linkType, int snaplen, String interfaceName) {
        return new CaptureFileWriter(file, true, linkType, snaplen, interfaceName);
    }

    /** A classic (libpcap, microsecond) pcap file. */
    public static CaptureFileWriter pcap(Path file, int linkType, int snaplen) {
        return new CaptureFileWriter(file, false, linkType, snaplen, null);
    }

    /** Writes one frame captured at {@code time}; {@code originalLength} is its length on the wire. */
    public void write(Instant time, byte[] frame, int originalLength) {
        int captured = Math.min(frame.length, snaplen);
        long micros = time.getEpochSecond() * 1_000_000L + time.getNano() / 1_000;
        try {
            if (pcapng) {
                int padded = pad4(captured);
                ByteBuffer b = le(28 + padded + 4);
                b.putInt(6).putInt(32 + padded).putInt(0)
                        .putInt((int) (micros >>> 32)).putInt((int) micros)
                        .putInt(captured).putInt(originalLength);
                b.put(frame, 0, captured);
                b.position(28 + padded);
                b.putInt(32 + padded);
                out.write(b.array());
            } else {
                ByteBuffer b = le(16);
                b.putInt((int) (micros / 1_000_000L)).putInt((int) (micros % 1_000_000L))
                        .putInt(captured).putInt(originalLength);
                out.write(b.array());
                out.write(frame, 0, captured);
            }
            frames++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(Instant time, byte[] frame) {
        write(time, frame, frame.length);
    }

    public long frames() {
        return frames;
    }

    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writePcapHeader(int linkType, int snaplen) throws IOException {
        ByteBuffer b = le(24);
        b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(snaplen).putInt(linkType);
        out.write(b.array());
    }

    private void writeSectionHeader() throws IOException {
        ByteBuffer b = le(28);
        b.putInt(0x0A0D0D0A).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0)
                .putLong(-1L).putInt(28);
        out.write(b.array());
    }

    private void writeInterfaceDescription(int linkType, int snaplen, String interfaceName) throws IOException {
        byte[] name = interfaceName == null ? new byte[0]
                : interfaceName.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // options: if_name (2) when known, then opt_endofopt
        int options = name.length == 0 ? 0 : 4 + pad4(name.length) + 4;
        // type, length, link type + reserved, snaplen (16 bytes), options, trailing length (4)
        int total = 16 + options + 4;
        ByteBuffer b = le(total);
        b.putInt(1).putInt(total).putShort((short) linkType).putShort((short) 0).putInt(snaplen);
        if (name.length > 0) {
            b.putShort((short) 2).putShort((short) name.length).put(name);
            b.position(b.position() + pad4(name.length) - name.length);
            b.putInt(0);
        }
        b.putInt(total);
        out.write(b.array());
    }

    private static int pad4(int n) {
        return (n + 3) & ~3;
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}

package dev.faultlab.capture.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Streams the decoded packets of one pcap or pcapng file, one at a time: memory stays constant whatever the
 * file's size. Frames that cannot be decoded are counted ({@link #badFrames()}) and skipped; frame numbers still
 * count them, so numbers match Wireshark's.
 *
 * <pre>{@code
 * try (CaptureReader reader = CaptureReader.open(file)) {
 *     for (Packet p = reader.next(); p != null; p = reader.next()) { ... }
 * }
 * }</pre>
 */
public final class CaptureReader implements AutoCloseable, Iterable<Packet> {
    private final Path file;
    private final FrameSource frames;
    private final PacketDecoder decoder;
    private long packets;
    private long badFrames;
    private long truncatedFrames;
    private final java.util.SortedSet<Integer> unsupportedLinkTypes = new java.util.TreeSet<>();

    private CaptureReader(Path file, FrameSource frames, PacketDecoder decoder) {
        this.file = file;
        this.frames = frames;
        this.decoder = decoder;
    }

    /**
     * Opens a capture file. Throws {@link CaptureFormatException} (one line: file, cause, fix) when it is missing,
     * unreadable, or not pcap/pcapng.
     */
    public static CaptureReader open(Path file) {
        return open(file, new PacketDecoder());
    }

    public static CaptureReader open(Path file, PacketDecoder decoder) {
        String name = file.toString();
        byte[] header = new byte[24];
        int got;
        try (InputStream in = Files.newInputStream(file)) {
            got = new RecordInput(in).read(header, header.length);
        } catch (NoSuchFileException e) {
            throw new CaptureFormatException(name + ": no such file; check the path");
        } catch (IOException e) {
            throw new CaptureFormatException(name + ": cannot read (" + e.getMessage() + "); check permissions");
        }
        try {
            if (got >= 4 && Bytes.u32le(header, 0) == PcapngFrameSource.SECTION_HEADER) {
                return new CaptureReader(file, new PcapngFrameSource(input(file), name), decoder);
            }
            if (got >= 4 && isPcapMagic(header)) {
                if (got < header.length) {
                    throw new CaptureFormatException(name + ": pcap file header is truncated (" + got
                            + " of 24 bytes); the capture was cut off before any packet was written");
                }
                RecordInput in = input(file);
                in.skip(header.length);
                return new CaptureReader(file, new PcapFrameSource(in, header, name), decoder);
            }
        } catch (IOException e) {
            throw new CaptureFormatException(name + ": cannot read (" + e.getMessage() + "); check permissions");
        }
        throw new CaptureFormatException(name + ": not a pcap or pcapng capture"
                + (got == 0 ? " (empty file)" : "") + "; give a file written by tcpdump, tshark or faultlab");
    }

    private static boolean isPcapMagic(byte[] header) {
        long le = Bytes.u32le(header, 0);
        long be = Bytes.u32(header, 0);
        return le == PcapFrameSource.MAGIC_MICROS || le == PcapFrameSource.MAGIC_NANOS
                || be == PcapFrameSource.MAGIC_MICROS || be == PcapFrameSource.MAGIC_NANOS;
    }

    private static RecordInput input(Path file) throws IOException {
        return new RecordInput(Files.newInputStream(file));
    }

    /** The next decodable packet, or null at the end of the file. */
    public Packet next() {
        try {
            for (RawFrame frame = frames.next(); frame != null; frame = frames.next()) {
                Packet packet = decoder.decode(frame);
                if (packet == null) {
                    badFrames++;
                    if (!decoder.supportsLinkType(frame.linkType())) {
                        unsupportedLinkTypes.add(frame.linkType());
                    }
                    continue;
                }
                packets++;
                if (packet.truncated()) {
                    truncatedFrames++;
                }
                return packet;
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": read failed: " + e.getMessage(), e);
        }
    }

    /** Packets decoded so far. */
    public long packets() {
        return packets;
    }

    /** Frames and records skipped so far because they could not be read or decoded at all. */
    public long badFrames() {
        return badFrames + frames.unreadableRecords();
    }

    /** Packets returned so far that the capture cut short (snaplen) or that ended inside a header. */
    public long truncatedFrames() {
        return truncatedFrames;
    }

    /** Link types met so far that this reader cannot decode (their frames count as bad). */
    public java.util.SortedSet<Integer> unsupportedLinkTypes() {
        return java.util.Collections.unmodifiableSortedSet(unsupportedLinkTypes);
    }

    public Path file() {
        return file;
    }

    /** The remaining packets as a sequential stream; closing the stream does not close the reader. */
    public Stream<Packet> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    @Override
    public Iterator<Packet> iterator() {
        return new Iterator<>() {
            private Packet ahead = CaptureReader.this.next();

            @Override
            public boolean hasNext() {
                return ahead != null;
            }

            @Override
            public Packet next() {
                if (ahead == null) {
                    throw new NoSuchElementException();
                }
                Packet current = ahead;
                ahead = CaptureReader.this.next();
                return current;
            }
        };
    }

    @Override
    public void close() {
        try {
            frames.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

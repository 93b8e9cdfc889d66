package dev.faultlab.capture.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Streams the decoded packets of one capture file (pcap, pcapng or snoop; plain, gzip or zstd), one at a time: memory stays constant whatever the
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
    private final CaptureStream stream;
    private final RecordInput input;
    private final FrameSource frames;
    private final PacketDecoder decoder;
    private long packets;
    private long badFrames;
    private long truncatedFrames;
    private boolean verifiedEnd;
    private final java.util.SortedSet<Integer> unsupportedLinkTypes = new java.util.TreeSet<>();

    private CaptureReader(Path file, CaptureStream stream, RecordInput input, FrameSource frames,
                          PacketDecoder decoder) {
        this.file = file;
        this.stream = stream;
        this.input = input;
        this.frames = frames;
        this.decoder = decoder;
    }

    /**
     * Opens a capture file: pcap (also the "modified" variant), pcapng or snoop, plain or gzip/zstd-compressed.
     * Throws {@link CaptureFormatException} (one line: file, cause, fix) when it is missing, unreadable, or none
     * of these.
     */
    public static CaptureReader open(Path file) {
        return open(file, new PacketDecoder());
    }

    /** A container format: how its first bytes look and how its frames are read after them. */
    private record Container(String name, int headerLength, Recognizer recognizer, Opener opener) {
    }

    private interface Recognizer {
        boolean recognizes(byte[] head, int got);
    }

    private interface Opener {
        FrameSource open(RecordInput in, byte[] header, String fileName) throws IOException;
    }

    private static final int HEADER_PROBE = 24;
    private static final List<Container> CONTAINERS = List.of(
            // pcapng reads its section header block itself
            new Container("pcapng", 0, (head, got) -> got >= 4 && Bytes.u32le(head, 0)
                    == PcapngFrameSource.SECTION_HEADER, (in, header, name) -> new PcapngFrameSource(in, name)),
            new Container("pcap", 24, PcapFrameSource::recognizes, PcapFrameSource::new),
            new Container("snoop", SnoopFrameSource.FILE_HEADER, SnoopFrameSource::recognizes,
                    SnoopFrameSource::new));

    public static CaptureReader open(Path file, PacketDecoder decoder) {
        String name = file.toString();
        CaptureStream stream;
        try {
            stream = CaptureStream.open(file);
        } catch (NoSuchFileException e) {
            throw new CaptureFormatException(name + ": no such file; check the path");
        } catch (IOException e) {
            throw new CaptureFormatException(name + ": cannot read (" + e.getMessage() + "); check permissions"
                    + " and, for a compressed file, that it is complete");
        }
        try {
            RecordInput in = new RecordInput(stream.input());
            byte[] header;
            int got;
            try {
                got = in.peek(HEADER_PROBE);
                header = java.util.Arrays.copyOfRange(in.buffer(), in.offset(), in.offset() + HEADER_PROBE);
            } catch (IOException e) {
                throw readFailure(name, stream, in, e);
            }
            for (Container container : CONTAINERS) {
                if (container.recognizer().recognizes(header, got)) {
                    if (got < container.headerLength()) {
                        throw new CaptureFormatException(name + ": " + container.name() + " file header is"
                                + " truncated (" + got + " of " + container.headerLength() + " bytes); the capture"
                                + " was cut off before any packet was written");
                    }
                    in.advance(container.headerLength());
                    return new CaptureReader(file, stream, in,
                            container.opener().open(in, header, name), decoder);
                }
            }
            throw new CaptureFormatException(name + ": not a pcap, pcapng or snoop capture"
                    + (stream.compressed() ? " (after " + stream.compression() + " decompression)" : "")
                    + (got == 0 ? " (empty file)" : "") + "; give a file written by tcpdump, tshark or faultlab");
        } catch (IOException | RuntimeException e) {
            closeQuietly(stream);
            if (e instanceof IOException io) {
                throw new CaptureFormatException(name + ": cannot read (" + io.getMessage() + "); check permissions");
            }
            throw (RuntimeException) e;
        }
    }

    private static void closeQuietly(CaptureStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // already failing with a better message
        }
    }

    /**
     * One line for a read that failed: a damaged compressed stream names where it broke (in the compressed file
     * and in the decompressed bytes) and how to keep what precedes the damage.
     */
    private static RuntimeException readFailure(String name, CaptureStream stream, RecordInput in, IOException e) {
        if (stream.compressed()) {
            return new CaptureFormatException(name + ": corrupt " + stream.compression() + " stream at byte "
                    + stream.compressedOffset() + " of the file (after " + in.bytesRead() + " decompressed bytes): "
                    + e.getMessage() + "; copy the file again, or diagnose the readable part ('"
                    + stream.compression() + " -dc FILE > part.pcap' stops at the damage)");
        }
        return new UncheckedIOException(name + ": read failed: " + e.getMessage(), e);
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
            verifyCompressedEnd();
            return null;
        } catch (IOException e) {
            throw readFailure(file.toString(), stream, input, e);
        }
    }

    /**
     * A damaged compressed stream may still inflate to bytes - garbage that ends the capture as a broken record -
     * and only fail its checksum at the end: read to the end so that shows as the damage it is.
     */
    private void verifyCompressedEnd() throws IOException {
        if (stream.compressed() && !verifiedEnd) {
            verifiedEnd = true;
            input.skip(Long.MAX_VALUE);
        }
    }

    /**
     * The bytes of the file read so far: compressed ones for a gzip or zstd file, so that against the file's size it
     * tells how far the reading got. Any thread may ask (a progress line while another thread reads ahead).
     */
    public long fileBytesRead() {
        return stream.fileBytesRead();
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

    /**
     * True when the file starts like a capture this reader opens (pcap, pcapng or snoop, plain or compressed):
     * how a directory's captures are told from its other files, whatever their names.
     */
    public static boolean isCapture(Path file) {
        try (CaptureStream stream = CaptureStream.open(file)) {
            byte[] head = new byte[HEADER_PROBE];
            int got = stream.input().readNBytes(head, 0, head.length);
            return CONTAINERS.stream().anyMatch(c -> c.recognizer().recognizes(head, got));
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
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

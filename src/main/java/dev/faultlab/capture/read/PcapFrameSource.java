package dev.faultlab.capture.read;

import java.io.IOException;

/**
 * Classic libpcap files: either byte order, microsecond ({@code a1b2c3d4}) or nanosecond ({@code a1b23c4d})
 * timestamps, and Kuznetzov's "modified" pcap ({@code a1b2cd34}, microseconds, 8 more bytes per record header:
 * interface index, protocol and packet type, which the frame does not need). A record with an impossible length
 * ends the file (classic pcap has no way to resynchronise).
 */
final class PcapFrameSource extends StreamFrameSource {
    static final long MAGIC_MICROS = 0xa1b2c3d4L;
    static final long MAGIC_NANOS = 0xa1b23c4dL;
    static final long MAGIC_MODIFIED = 0xa1b2cd34L;
    private static final int MODIFIED_EXTRA = 8;
    private static final int MAX_RECORD = 1 << 18;
    private static final int RECORD_HEADER = 16;

    private final boolean littleEndian;
    private final long nanosPerFraction;
    private final int linkType;
    private final int maxRecord;
    private final int recordHeader;

    /** {@code fileHeader} is the 24-byte global header already read by {@link CaptureReader}. */
    PcapFrameSource(RecordInput in, byte[] fileHeader, String fileName) {
        super(in);
        long magicBe = Bytes.u32(fileHeader, 0);
        long magicLe = Bytes.u32le(fileHeader, 0);
        this.littleEndian = isMagic(magicLe);
        long magic = littleEndian ? magicLe : magicBe;
        if (!isMagic(magic)) {
            throw new CaptureFormatException(fileName + ": unknown pcap magic; save it as pcap or pcapng");
        }
        this.nanosPerFraction = magic == MAGIC_NANOS ? 1 : 1000;
        this.recordHeader = RECORD_HEADER + (magic == MAGIC_MODIFIED ? MODIFIED_EXTRA : 0);
        long snaplen = Bytes.u32(fileHeader, 16, littleEndian);
        this.maxRecord = (int) Math.max(MAX_RECORD, Math.min(snaplen, 1 << 24));
        this.linkType = (int) (Bytes.u32(fileHeader, 20, littleEndian) & 0xffff);
    }

    /** One of the magic numbers this reader understands, read in the file's byte order. */
    static boolean isMagic(long magic) {
        return magic == MAGIC_MICROS || magic == MAGIC_NANOS || magic == MAGIC_MODIFIED;
    }

    /** The file starts like a pcap file (either byte order). */
    static boolean recognizes(byte[] head, int got) {
        return got >= 4 && (isMagic(Bytes.u32le(head, 0)) || isMagic(Bytes.u32(head, 0)));
    }

    @Override
    public RawFrame next() throws IOException {
        if (ended()) {
            return null;
        }
        int got = in.peek(recordHeader);
        if (got < recordHeader) {
            return end(got > 0);
        }
        byte[] header = in.buffer();
        int at = in.offset();
        long seconds = Bytes.u32(header, at, littleEndian);
        long fraction = Bytes.u32(header, at + 4, littleEndian);
        long captured = Bytes.u32(header, at + 8, littleEndian);
        long original = Bytes.u32(header, at + 12, littleEndian);
        if (captured > maxRecord) {
            return end(true);
        }
        in.advance(recordHeader);
        byte[] data = frameBytes((int) captured);
        if (in.read(data, data.length) < data.length) {
            return end(true);
        }
        long nanos = seconds * 1_000_000_000L + fraction * nanosPerFraction;
        return frame(nanos, 0, linkType, data, original);
    }

}

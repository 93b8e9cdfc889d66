package dev.faultlab.capture.read;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * pcapng files: section headers in either byte order, several interfaces with their own link type and
 * {@code if_tsresol}/{@code if_tsoffset}, enhanced, simple and obsolete packet blocks. Other blocks (name
 * resolution, statistics, custom) are skipped. A block with an impossible length ends the file.
 */
final class PcapngFrameSource extends StreamFrameSource {
    static final long SECTION_HEADER = 0x0A0D0D0AL;
    private static final long BYTE_ORDER_MAGIC = 0x1A2B3C4DL;
    private static final int INTERFACE_DESCRIPTION = 1;
    private static final int OBSOLETE_PACKET = 2;
    private static final int SIMPLE_PACKET = 3;
    private static final int ENHANCED_PACKET = 6;
    private static final int MAX_BLOCK = 1 << 24;
    private static final int OPTION_TSRESOL = 9;
    private static final int OPTION_TSOFFSET = 14;

    /** What a packet block needs to know about its interface. */
    private record Interface(int linkType, int snaplen, TimestampResolution resolution, long offsetSeconds) {
    }

    private final String fileName;
    private final List<Interface> interfaces = new ArrayList<>();
    private final byte[] blockHeader = new byte[8];
    private boolean littleEndian;
    private boolean firstBlock = true;

    PcapngFrameSource(RecordInput in, String fileName) {
        super(in);
        this.fileName = fileName;
    }

    @Override
    public RawFrame next() throws IOException {
        while (!ended()) {
            int got = in.read(blockHeader, 8);
            if (got < 8) {
                return end(got > 0);
            }
            long type = Bytes.u32le(blockHeader, 0);
            if (type == SECTION_HEADER) {
                readSectionHeader();
                continue;
            }
            long length = Bytes.u32(blockHeader, 4, littleEndian);
            if (length < 12 || length > MAX_BLOCK || length % 4 != 0) {
                return end(true);
            }
            byte[] body = new byte[(int) length - 8];
            if (in.read(body, body.length) < body.length) {
                return end(true);
            }
            RawFrame frame = decodeBlock(Bytes.u32(blockHeader, 0, littleEndian), body);
            if (frame != null) {
                return frame;
            }
        }
        return null;
    }

    private void readSectionHeader() throws IOException {
        byte[] magic = new byte[4];
        if (in.read(magic, 4) < 4) {
            end(true);
            return;
        }
        if (Bytes.u32le(magic, 0) == BYTE_ORDER_MAGIC) {
            littleEndian = true;
        } else if (Bytes.u32(magic, 0) == BYTE_ORDER_MAGIC) {
            littleEndian = false;
        } else {
            if (firstBlock) {
                throw new CaptureFormatException(fileName + ": pcapng section header has no byte-order magic;"
                        + " the file is damaged, re-capture or re-save it with Wireshark");
            }
            end(true);
            return;
        }
        firstBlock = false;
        long length = Bytes.u32(blockHeader, 4, littleEndian);
        if (length < 28 || length > MAX_BLOCK || length % 4 != 0 || !in.skip(length - 12)) {
            end(true);
            return;
        }
        interfaces.clear();
    }

    private RawFrame decodeBlock(long type, byte[] body) {
        if (type == INTERFACE_DESCRIPTION) {
            interfaces.add(readInterface(body));
            return null;
        }
        try {
            if (type == ENHANCED_PACKET) {
                return enhancedPacket(body);
            }
            if (type == SIMPLE_PACKET) {
                return simplePacket(body);
            }
            if (type == OBSOLETE_PACKET) {
                return obsoletePacket(body);
            }
        } catch (IndexOutOfBoundsException badBlock) {
            skipUnreadable();
        }
        return null;
    }

    private Interface readInterface(byte[] body) {
        int linkType = Bytes.u16(body, 0, littleEndian);
        int snaplen = (int) Math.min(Bytes.u32(body, 4, littleEndian), Integer.MAX_VALUE);
        TimestampResolution resolution = TimestampResolution.MICROS;
        long offsetSeconds = 0;
        int pos = 8;
        // the body ends with the repeated block length
        while (pos + 4 <= body.length - 4) {
            int code = Bytes.u16(body, pos, littleEndian);
            int length = Bytes.u16(body, pos + 2, littleEndian);
            if (code == 0 || pos + 4 + length > body.length - 4) {
                break;
            }
            if (code == OPTION_TSRESOL && length >= 1) {
                resolution = TimestampResolution.fromOption(Bytes.u8(body, pos + 4));
            } else if (code == OPTION_TSOFFSET && length >= 8) {
                long high = Bytes.u32(body, pos + 4, littleEndian);
                long low = Bytes.u32(body, pos + 8, littleEndian);
                offsetSeconds = littleEndian ? (low << 32 | high) : (high << 32 | low);
            }
            pos += 4 + ((length + 3) & ~3);
        }
        return new Interface(linkType, snaplen, resolution, offsetSeconds);
    }

    private RawFrame enhancedPacket(byte[] body) {
        return timestampedPacket((int) Bytes.u32(body, 0, littleEndian), body);
    }

    private RawFrame simplePacket(byte[] body) {
        long original = Bytes.u32(body, 0, littleEndian);
        Interface first = interfaceOrNull(0);
        long snap = first == null || first.snaplen() == 0 ? Long.MAX_VALUE : first.snaplen();
        int captured = (int) Math.min(Math.min(original, snap), body.length - 8);
        return frame(0, -1, Bytes.slice(body, 4, captured), original);
    }

    /** Like an enhanced packet block but with a 16-bit interface id (then a 16-bit drop count, ignored). */
    private RawFrame obsoletePacket(byte[] body) {
        return timestampedPacket(Bytes.u16(body, 0, littleEndian), body);
    }

    /**
     * The layout enhanced and obsolete packet blocks share after their first four bytes: timestamp (high, low),
     * captured length, original length, data.
     */
    private RawFrame timestampedPacket(int interfaceId, byte[] body) {
        long stamp = Bytes.u32(body, 4, littleEndian) << 32 | Bytes.u32(body, 8, littleEndian);
        int captured = (int) Bytes.u32(body, 12, littleEndian);
        long original = Bytes.u32(body, 16, littleEndian);
        return frame(interfaceId, stamp, Bytes.slice(body, 20, captured), original);
    }

    /** A packet block on an interface never described is still a frame (Wireshark numbers it) but undecodable. */
    private RawFrame frame(int interfaceId, long stamp, byte[] data, long original) {
        Interface itf = interfaceOrNull(interfaceId);
        int linkType = itf == null ? -1 : itf.linkType();
        long nanos = itf == null || stamp < 0 ? 0
                : itf.resolution().toNanos(stamp) + itf.offsetSeconds() * 1_000_000_000L;
        return frame(nanos, interfaceId, linkType, data, original);
    }

    private Interface interfaceOrNull(int id) {
        return id >= 0 && id < interfaces.size() ? interfaces.get(id) : null;
    }

}

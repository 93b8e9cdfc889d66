package dev.faultlab.capture.read;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Solaris {@code snoop} files (RFC 1761): a 16-byte header ("snoop", version 2, datalink type), then records of
 * original length, captured length, record length (padded), cumulative drops, seconds and microseconds, all
 * big-endian. Only Ethernet datalinks are read; a record with an impossible length ends the file.
 */
final class SnoopFrameSource extends StreamFrameSource {
    static final int FILE_HEADER = 16;
    private static final byte[] MAGIC = "snoop\0\0\0".getBytes(StandardCharsets.US_ASCII);
    private static final int RECORD_HEADER = 24;
    private static final int MAX_RECORD = 1 << 18;
    /** Snoop's datalink numbers for Ethernet: 4 (DL_ETHER) and 0 (IEEE 802.3, Ethernet framing too). */
    private static final int DL_ETHER = 4;
    private static final int DL_IEEE_802_3 = 0;

    private final byte[] header = new byte[RECORD_HEADER];

    /** {@code fileHeader} is the 16-byte header already read by {@link CaptureReader}. */
    SnoopFrameSource(RecordInput in, byte[] fileHeader, String fileName) {
        super(in);
        int datalink = (int) Bytes.u32(fileHeader, 12);
        if (datalink != DL_ETHER && datalink != DL_IEEE_802_3) {
            throw new CaptureFormatException(fileName + ": snoop datalink type " + datalink + " is not supported"
                    + " (only Ethernet); convert it with 'editcap -F pcap' if Wireshark can read it");
        }
    }

    static boolean recognizes(byte[] head, int got) {
        return got >= FILE_HEADER && Arrays.equals(head, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    @Override
    public RawFrame next() throws IOException {
        if (ended()) {
            return null;
        }
        int got = in.read(header, RECORD_HEADER);
        if (got < RECORD_HEADER) {
            return end(got > 0);
        }
        long original = Bytes.u32(header, 0);
        long captured = Bytes.u32(header, 4);
        long recordLength = Bytes.u32(header, 8);
        long seconds = Bytes.u32(header, 16);
        long micros = Bytes.u32(header, 20);
        if (captured > MAX_RECORD || recordLength < RECORD_HEADER + captured || recordLength > MAX_RECORD + 64) {
            return end(true);
        }
        byte[] data = frameBytes((int) captured);
        if (in.read(data, data.length) < data.length || !in.skip(recordLength - RECORD_HEADER - captured)) {
            return end(true);
        }
        return frame(seconds * 1_000_000_000L + micros * 1000, 0, EthernetLink.LINKTYPE_ETHERNET, data, original);
    }
}

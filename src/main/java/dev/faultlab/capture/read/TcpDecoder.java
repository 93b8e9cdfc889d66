package dev.faultlab.capture.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** TCP headers with the options a diagnosis uses: MSS, window scale, SACK-permitted, SACK blocks, timestamps. */
final class TcpDecoder implements TransportDecoder {
    private static final int END = 0;
    private static final int NOP = 1;
    private static final int MSS = 2;
    private static final int WINDOW_SCALE = 3;
    private static final int SACK_PERMITTED = 4;
    private static final int SACK = 5;
    private static final int TIMESTAMPS = 8;

    /**
     * The options of the last two segments that carried only timestamps (options are immutable, so segments with
     * the same values share them): a sender's segments of one burst carry the same tsVal and tsEcr, with the
     * peer's ACKs in between - one object per segment fewer for the collector.
     */
    private TcpOptions lastTimestamps;
    private TcpOptions previousTimestamps;

    @Override
    public Set<Integer> protocols() {
        return Set.of(6);
    }

    @Override
    public void decode(byte[] data, int offset, int length, PacketBuilder packet, PacketDecoder decoder) {
        int sourcePort = Bytes.u16(data, offset);
        int destinationPort = Bytes.u16(data, offset + 2);
        long seq = Bytes.u32(data, offset + 4);
        long ack = Bytes.u32(data, offset + 8);
        int headerLength = (Bytes.u8(data, offset + 12) >>> 4) * 4;
        int flags = Bytes.u8(data, offset + 13);
        int window = Bytes.u16(data, offset + 14);
        if (headerLength < 20) {
            throw badHeaderLength(headerLength);
        }
        TcpOptions options;
        if (headerLength == 20) {
            options = TcpOptions.NONE;
        } else if (headerLength == 32 && isNopNopTimestamps(data, offset + 20)) {
            // what Linux puts on every segment after the handshake: read without walking the options
            options = timestamps(Bytes.u32(data, offset + 24), Bytes.u32(data, offset + 28));
        } else {
            options = options(data, offset + 20, Math.min(offset + headerLength, data.length), packet);
        }
        packet.tcp = new TcpHeader(sourcePort, destinationPort, seq, ack, flags, window,
                Math.max(0, length - headerLength), options);
    }

    /** Built apart from {@link #decode}: the message is built only for a damaged header. */
    private static IndexOutOfBoundsException badHeaderLength(int headerLength) {
        return new IndexOutOfBoundsException("TCP header length " + headerLength);
    }

    /** Options of timestamps only, shared with one of the last two segments that had the same values. */
    private TcpOptions timestamps(long tsVal, long tsEcr) {
        TcpOptions last = lastTimestamps;
        if (last != null && last.tsVal() == tsVal && last.tsEcr() == tsEcr) {
            return last;
        }
        TcpOptions previous = previousTimestamps;
        TcpOptions options = previous != null && previous.tsVal() == tsVal && previous.tsEcr() == tsEcr ? previous
                : new TcpOptions(-1, -1, false, List.of(), tsVal, tsEcr);
        previousTimestamps = last;
        lastTimestamps = options;
        return options;
    }

    /** The 12 option bytes at {@code at} are NOP, NOP and a whole timestamps option (as {@link #options} reads them). */
    private static boolean isNopNopTimestamps(byte[] data, int at) {
        return at + 12 <= data.length && data[at] == NOP && data[at + 1] == NOP && data[at + 2] == TIMESTAMPS
                && data[at + 3] == 10;
    }

    /** Parses options up to {@code end}; options cut off by the capture are dropped and the frame marked. */
    private static TcpOptions options(byte[] data, int from, int end, PacketBuilder packet) {
        int mss = -1;
        int windowScale = -1;
        boolean sackPermitted = false;
        List<SackBlock> sack = List.of();
        long tsVal = -1;
        long tsEcr = -1;
        int pos = from;
        while (pos < end) {
            int kind = Bytes.u8(data, pos);
            if (kind == END) {
                break;
            }
            if (kind == NOP) {
                pos++;
                continue;
            }
            if (pos + 1 >= end || Bytes.u8(data, pos + 1) < 2 || pos + Bytes.u8(data, pos + 1) > end) {
                packet.truncated = true;
                break;
            }
            int length = Bytes.u8(data, pos + 1);
            if (kind == MSS && length == 4) {
                mss = Bytes.u16(data, pos + 2);
            } else if (kind == WINDOW_SCALE && length == 3) {
                windowScale = Bytes.u8(data, pos + 2);
            } else if (kind == SACK_PERMITTED) {
                sackPermitted = true;
            } else if (kind == SACK) {
                if (sack.isEmpty()) {
                    sack = new ArrayList<>(4);
                }
                for (int block = pos + 2; block + 8 <= pos + length; block += 8) {
                    sack.add(new SackBlock(Bytes.u32(data, block), Bytes.u32(data, block + 4)));
                }
            } else if (kind == TIMESTAMPS && length == 10) {
                tsVal = Bytes.u32(data, pos + 2);
                tsEcr = Bytes.u32(data, pos + 6);
            }
            pos += length;
        }
        return new TcpOptions(mss, windowScale, sackPermitted, sack, tsVal, tsEcr);
    }
}

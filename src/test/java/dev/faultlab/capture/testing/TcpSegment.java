package dev.faultlab.capture.testing;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** A TCP segment under construction (fluent); {@link #ip()} returns the whole IP packet. */
public final class TcpSegment {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;

    private final String src;
    private final int srcPort;
    private final String dst;
    private final int dstPort;
    private long seq;
    private long ack;
    private int flags = ACK;
    private int payload;
    private int mss = -1;
    private int windowScale = -1;
    private boolean sackPermitted;
    private long tsVal = -1;
    private long tsEcr;
    private final List<long[]> sackBlocks = new ArrayList<>();
    private boolean dontFragment = true;

    TcpSegment(String src, int srcPort, String dst, int dstPort) {
        this.src = src;
        this.srcPort = srcPort;
        this.dst = dst;
        this.dstPort = dstPort;
    }

    public TcpSegment flags(int value) {
        flags = value;
        return this;
    }

    public TcpSegment seq(long value) {
        seq = value;
        return this;
    }

    public TcpSegment ack(long value) {
        ack = value;
        return this;
    }

    /** Number of zero data bytes carried. */
    public TcpSegment payload(int bytes) {
        payload = bytes;
        return this;
    }

    public TcpSegment mss(int value) {
        mss = value;
        return this;
    }

    public TcpSegment windowScale(int value) {
        windowScale = value;
        return this;
    }

    public TcpSegment sackPermitted() {
        sackPermitted = true;
        return this;
    }

    public TcpSegment timestamps(long value, long echo) {
        tsVal = value;
        tsEcr = echo;
        return this;
    }

    public TcpSegment sack(long left, long right) {
        sackBlocks.add(new long[]{left, right});
        return this;
    }

    public TcpSegment dontFragment(boolean value) {
        dontFragment = value;
        return this;
    }

    /** The TCP header and payload. */
    public byte[] bytes() {
        ByteBuffer options = ByteBuffer.allocate(40);
        if (mss >= 0) {
            options.put((byte) 2).put((byte) 4).putShort((short) mss);
        }
        if (sackPermitted) {
            options.put((byte) 4).put((byte) 2);
        }
        if (tsVal >= 0) {
            options.put((byte) 1).put((byte) 1).put((byte) 8).put((byte) 10).putInt((int) tsVal).putInt((int) tsEcr);
        }
        if (windowScale >= 0) {
            options.put((byte) 1).put((byte) 3).put((byte) 3).put((byte) windowScale);
        }
        if (!sackBlocks.isEmpty()) {
            options.put((byte) 1).put((byte) 1).put((byte) 5).put((byte) (2 + 8 * sackBlocks.size()));
            for (long[] block : sackBlocks) {
                options.putInt((int) block[0]).putInt((int) block[1]);
            }
        }
        while (options.position() % 4 != 0) {
            options.put((byte) 0);
        }
        int headerLength = 20 + options.position();
        ByteBuffer b = ByteBuffer.allocate(headerLength + payload);
        b.putShort((short) srcPort).putShort((short) dstPort).putInt((int) seq).putInt((int) ack)
                .put((byte) (headerLength / 4 << 4)).put((byte) flags).putShort((short) 64240).putInt(0)
                .put(options.array(), 0, options.position());
        return b.array();
    }

    /** The whole IP packet. */
    public byte[] ip() {
        return Frames.ip(src, dst, 6, bytes(), dontFragment);
    }

    /** The IP packet in an Ethernet frame between two fixed test MACs. */
    public byte[] ethernet() {
        return Frames.ethernet(Frames.MAC_A, Frames.MAC_B, ip());
    }
}

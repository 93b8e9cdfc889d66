package dev.faultlab.capture.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Rewrites a real classic-pcap Ethernet capture as a collector would record the same traffic mirrored to it by a
 * switch over ERSPAN (the build machine has no gre or erspan module): each frame, unchanged, behind an Ethernet,
 * IPv4 (192.0.2.10 to 192.0.2.20) and GRE header, and for type I nothing more (GRE protocol 0x88BE, no sequence
 * number), for type II an 8-byte ERSPAN header (0x88BE, a GRE sequence number, session 7), for type III a 12-byte
 * one (0x22EB, session 7, with a 32-bit timestamp). Every record's time stays as captured.
 */
public final class ErspanMirror {
    /** The ERSPAN versions a switch sends. */
    public enum Type {
        /** No ERSPAN header, and GRE without a sequence number. */
        I(0x88BE, 0, 4),
        II(0x88BE, 8, 8),
        III(0x22EB, 12, 8);

        final int greProtocol;
        final int headerBytes;
        final int greBytes;

        Type(int greProtocol, int headerBytes, int greBytes) {
            this.greProtocol = greProtocol;
            this.headerBytes = headerBytes;
            this.greBytes = greBytes;
        }
    }

    private static final int SESSION = 7;

    private ErspanMirror() {
    }

    /** Writes {@code source} mirrored over ERSPAN of {@code type} to {@code target}; returns the frames written. */
    public static int mirror(Path source, Path target, Type type) throws IOException {
        int[] sequence = {0};
        return PcapRewrite.rewrite(source, target, frame -> {
            byte[] wrapper = wrapper(type, sequence[0]++, frame.length);
            byte[] mirrored = Arrays.copyOf(wrapper, wrapper.length + frame.length);
            System.arraycopy(frame, 0, mirrored, wrapper.length, frame.length);
            return mirrored;
        });
    }

    /** The headers in front of mirrored frame number {@code sequence} of {@code length} bytes. */
    private static byte[] wrapper(Type type, int sequence, int length) {
        int ipLength = 20 + type.greBytes + type.headerBytes + length;
        ByteBuffer b = ByteBuffer.allocate(14 + ipLength - length); // network byte order
        b.put(new byte[]{2, 0, 0, 0, 0, 0x20, 2, 0, 0, 0, 0, 0x10}).putShort((short) 0x0800);
        int ipStart = b.position();
        b.put((byte) 0x45).put((byte) 0).putShort((short) ipLength).putShort((short) sequence)
                .putShort((short) 0x4000).put((byte) 255).put((byte) 47).putShort((short) 0)
                .put(new byte[]{(byte) 192, 0, 2, 10}).put(new byte[]{(byte) 192, 0, 2, 20});
        if (type == Type.I) {
            b.putShort((short) 0).putShort((short) type.greProtocol);
        } else {
            b.putShort((short) 0x1000).putShort((short) type.greProtocol).putInt(sequence); // S bit: a sequence number
        }
        if (type == Type.II) {
            b.putShort((short) (1 << 12)).putShort((short) SESSION).putInt(0); // version 1, no VLAN, session, index 0
        } else if (type == Type.III) {
            b.putShort((short) (2 << 12)).putShort((short) SESSION).putInt(sequence * 100).putInt(0); // version 2
        }
        byte[] bytes = b.array();
        int sum = Frames.checksum(bytes, ipStart, 20);
        bytes[ipStart + 10] = (byte) (sum >>> 8);
        bytes[ipStart + 11] = (byte) sum;
        return bytes;
    }
}

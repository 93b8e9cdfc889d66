package dev.faultlab.capture.testlab;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A strict little reader of the single-interface pcapng files the lab writes, so tests check the file format
 * themselves and do not trust the writer under test. Fails on anything malformed.
 *
 * @param linkType      the interface's link type
 * @param interfaceName its if_name option, or null
 * @param snaplen       its snaplen
 * @param frames        the captured frames
 */
public record PcapngFile(int linkType, String interfaceName, int snaplen, List<Frame> frames) {
    /** One enhanced packet block: the bytes kept and the length on the wire. */
    public record Frame(byte[] data, int originalLength) {
    }

    public static PcapngFile read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < 28 || b.getInt(0) != 0x0A0D0D0A || b.getInt(8) != 0x1A2B3C4D) {
            throw new IOException(file + " does not start with a little-endian pcapng section header");
        }
        int linkType = -1;
        int snaplen = -1;
        String name = null;
        List<Frame> frames = new ArrayList<>();
        while (b.remaining() > 0) {
            int start = b.position();
            int type = b.getInt(start);
            int length = b.getInt(start + 4);
            if (length < 12 || length % 4 != 0 || length > b.remaining() || b.getInt(start + length - 4) != length) {
                throw new IOException(file + ": broken block at offset " + start);
            }
            if (type == 1) {
                linkType = Short.toUnsignedInt(b.getShort(start + 8));
                snaplen = b.getInt(start + 12);
                name = ifName(b, start + 16, start + length - 4);
            } else if (type == 6) {
                int captured = b.getInt(start + 20);
                frames.add(new Frame(Arrays.copyOfRange(b.array(), start + 28, start + 28 + captured),
                        b.getInt(start + 24)));
            }
            b.position(start + length);
        }
        return new PcapngFile(linkType, name, snaplen, frames);
    }

    private static String ifName(ByteBuffer b, int options, int end) {
        for (int at = options; at + 4 <= end; ) {
            int code = Short.toUnsignedInt(b.getShort(at));
            int length = Short.toUnsignedInt(b.getShort(at + 2));
            if (code == 0) {
                return null;
            }
            if (code == 2) {
                return new String(b.array(), at + 4, length, StandardCharsets.UTF_8);
            }
            at += 4 + ((length + 3) & ~3);
        }
        return null;
    }
}

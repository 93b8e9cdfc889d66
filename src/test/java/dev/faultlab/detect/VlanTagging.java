package dev.faultlab.detect;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Rewrites a real classic-pcap Ethernet capture so every frame carries an 802.1Q tag (the build machine's kernel
 * has no 8021q module, so VLAN captures cannot be recorded there). Only the tag is inserted after the MAC
 * addresses; every other byte, and each frame's time, stays as captured.
 */
final class VlanTagging {
    private static final int PCAP_HEADER = 24;
    private static final int RECORD_HEADER = 16;
    private static final int LINKTYPE_ETHERNET = 1;
    private static final int TPID = 0x8100;
    private static final int MAC_BYTES = 12;

    private VlanTagging() {
    }

    /** Writes {@code source} with each frame tagged with {@code vlan} to {@code target}. */
    static Path tag(Path source, Path target, int vlan) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(source));
        int magic = in.getInt(0);
        ByteOrder order = magic == 0xa1b2c3d4 || magic == 0xa1b23c4d ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        in.order(order);
        if (in.getInt(20) != LINKTYPE_ETHERNET) {
            throw new IllegalArgumentException(source + ": not an Ethernet capture; tag only Ethernet pcap files");
        }
        int frames = 0;
        for (int at = PCAP_HEADER; at + RECORD_HEADER <= in.limit(); at += RECORD_HEADER + in.getInt(at + 8)) {
            frames++;
        }
        ByteBuffer out = ByteBuffer.allocate(in.limit() + 4 * frames).order(order);
        out.put(in.array(), 0, PCAP_HEADER);
        out.putInt(16, in.getInt(16) + 4); // the snapshot length grows with the tag
        int at = PCAP_HEADER;
        while (at + RECORD_HEADER <= in.limit()) {
            int captured = in.getInt(at + 8);
            int original = in.getInt(at + 12);
            out.putInt(in.getInt(at)).putInt(in.getInt(at + 4)).putInt(captured + 4).putInt(original + 4);
            int frame = at + RECORD_HEADER;
            out.put(in.array(), frame, MAC_BYTES);
            // network byte order, whatever the file's record byte order
            out.put((byte) (TPID >> 8)).put((byte) TPID).put((byte) (vlan >> 8 & 0x0f)).put((byte) vlan);
            out.put(in.array(), frame + MAC_BYTES, captured - MAC_BYTES);
            at = frame + captured;
        }
        Files.write(target, out.array());
        return target;
    }
}

package dev.faultlab.detect;

import dev.faultlab.capture.testing.PcapRewrite;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Rewrites a real classic-pcap Ethernet capture so every frame carries an 802.1Q tag (the build machine's kernel
 * has no 8021q module, so VLAN captures cannot be recorded there). Only the tag is inserted after the MAC
 * addresses; every other byte, and each frame's time, stays as captured.
 */
final class VlanTagging {
    private static final int TPID = 0x8100;
    private static final int MAC_BYTES = 12;

    private VlanTagging() {
    }

    /** Writes {@code source} with each frame tagged with {@code vlan} to {@code target}. */
    static Path tag(Path source, Path target, int vlan) throws IOException {
        PcapRewrite.rewrite(source, target, frame -> {
            byte[] tagged = new byte[frame.length + 4];
            System.arraycopy(frame, 0, tagged, 0, MAC_BYTES);
            // network byte order, whatever the file's record byte order
            tagged[MAC_BYTES] = (byte) (TPID >> 8);
            tagged[MAC_BYTES + 1] = (byte) TPID;
            tagged[MAC_BYTES + 2] = (byte) (vlan >> 8 & 0x0f);
            tagged[MAC_BYTES + 3] = (byte) vlan;
            System.arraycopy(frame, MAC_BYTES, tagged, MAC_BYTES + 4, frame.length - MAC_BYTES);
            return tagged;
        });
        return target;
    }
}

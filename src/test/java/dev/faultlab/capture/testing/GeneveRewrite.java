package dev.faultlab.capture.testing;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Rewrites a real classic-pcap VXLAN capture (Ethernet, IPv4 or IPv6 underlay) as the Geneve capture the same
 * traffic would give (RFC 8926): the build machine's kernel has no geneve module, so Geneve captures cannot be
 * recorded there. Each VXLAN header (8 bytes, UDP port 4789 or 8472) becomes a Geneve header carrying an Ethernet
 * frame (protocol type 0x6558) with the same VNI, to UDP port 6081, followed by {@code optionWords} 4-byte words of
 * one option (class 0x0102, type 0x80: the metadata option OVN-Kubernetes sends; 0 words for Antrea's and Cilium's
 * headers, which have none). With {@code ipInside} the inner frame's Ethernet header is dropped and the protocol type
 * is its IP version's (0x0800, 0x86DD), as AWS's Gateway Load Balancer sends. The outer lengths (record, IP, UDP)
 * and the IPv4 header checksum follow; the outer UDP checksum becomes 0, which RFC 6935 allows for tunnels over IPv6
 * too. The inner packets, the other frames and every time stay as captured.
 */
public final class GeneveRewrite {
    private static final int ETHERNET = 14;
    private static final int VXLAN_HEADER = 8;
    private static final int GENEVE_PORT = 6081;
    private static final int OVN_OPTION_CLASS = 0x0102;
    private static final int OVN_OPTION_TYPE = 0x80;

    private GeneveRewrite() {
    }

    /** Writes {@code source} with its VXLAN frames made Geneve to {@code target}; returns how many were rewritten. */
    public static int rewrite(Path source, Path target, int optionWords, boolean ipInside) throws IOException {
        if (optionWords < 0 || optionWords == 1 || optionWords > 63) {
            throw new IllegalArgumentException("an option is at least 2 words (its header and data), at most 63");
        }
        return PcapRewrite.rewrite(source, target, frame -> geneve(frame, optionWords, ipInside));
    }

    /** The frame with its VXLAN header made Geneve, or the frame itself when it is not VXLAN (or cut short). */
    private static byte[] geneve(byte[] frame, int optionWords, boolean ipInside) {
        if (frame.length < ETHERNET + 40) {
            return frame;
        }
        int etherType = u16(frame, 12);
        int ip = ETHERNET;
        int udp;
        if (etherType == 0x0800 && (frame[ip + 9] & 0xff) == 17) {
            udp = ip + 4 * (frame[ip] & 0x0f);
        } else if (etherType == 0x86dd && (frame[ip + 6] & 0xff) == 17) {
            udp = ip + 40;
        } else {
            return frame;
        }
        int port = u16(frame, udp + 2);
        int vxlan = udp + 8;
        if (port != 4789 && port != 8472 || vxlan + VXLAN_HEADER > frame.length || (frame[vxlan] & 0x08) == 0) {
            return frame;
        }
        int inner = vxlan + VXLAN_HEADER;
        int innerEtherType = inner + ETHERNET <= frame.length ? u16(frame, inner + 12) : -1;
        if (ipInside && innerEtherType != 0x0800 && innerEtherType != 0x86dd) {
            return frame;
        }
        int dropped = ipInside ? ETHERNET : 0;
        int added = 4 * optionWords - dropped;
        byte[] out = new byte[frame.length + added];
        System.arraycopy(frame, 0, out, 0, vxlan);
        out[vxlan] = (byte) optionWords; // version 0, option length in words
        out[vxlan + 1] = 0; // neither OAM nor critical options
        put16(out, vxlan + 2, ipInside ? innerEtherType : 0x6558); // an IP packet or an Ethernet frame follows
        System.arraycopy(frame, vxlan + 4, out, vxlan + 4, 4); // the VNI and the reserved byte
        if (optionWords > 0) {
            int option = vxlan + VXLAN_HEADER;
            put16(out, option, OVN_OPTION_CLASS);
            out[option + 2] = (byte) OVN_OPTION_TYPE;
            out[option + 3] = (byte) (optionWords - 1); // its data's length in words
        }
        System.arraycopy(frame, inner + dropped, out, inner + 4 * optionWords, frame.length - inner - dropped);
        put16(out, udp + 2, GENEVE_PORT);
        put16(out, udp + 4, u16(frame, udp + 4) + added);
        put16(out, udp + 6, 0);
        if (etherType == 0x0800) {
            put16(out, ip + 2, u16(frame, ip + 2) + added);
            put16(out, ip + 10, 0);
            put16(out, ip + 10, Frames.checksum(out, ip, 4 * (frame[ip] & 0x0f)));
        } else {
            put16(out, ip + 4, u16(frame, ip + 4) + added);
        }
        return out;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | b[at + 1] & 0xff;
    }

    private static void put16(byte[] b, int at, int value) {
        b[at] = (byte) (value >>> 8);
        b[at + 1] = (byte) value;
    }
}

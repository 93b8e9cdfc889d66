package dev.faultlab.capture.testing;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * Builds frames byte by byte for tests: Ethernet (optionally VLAN-tagged), IPv4/IPv6, TCP with options, UDP,
 * ICMP errors quoting a packet, ARP, VXLAN. Checksums are computed for IPv4 headers so Wireshark shows clean
 * frames when a test capture is opened by hand.
 */
public final class Frames {
    public static final String MAC_A = "02:00:00:00:00:0a";
    public static final String MAC_B = "02:00:00:00:00:0b";

    private Frames() {
    }

    /** Wraps an IP packet in Ethernet II; {@code vlans} are pushed outermost first. */
    public static byte[] ethernet(String srcMac, String dstMac, byte[] ipPacket, int... vlans) {
        int etherType = (ipPacket[0] & 0xf0) == 0x60 ? 0x86dd : 0x0800;
        return ethernetOf(srcMac, dstMac, etherType, ipPacket, vlans);
    }

    public static byte[] ethernetOf(String srcMac, String dstMac, int etherType, byte[] payload, int... vlans) {
        ByteBuffer b = ByteBuffer.allocate(14 + 4 * vlans.length + payload.length);
        b.put(mac(dstMac)).put(mac(srcMac));
        for (int i = 0; i < vlans.length; i++) {
            b.putShort((short) (i == 0 && vlans.length > 1 ? 0x88a8 : 0x8100)).putShort((short) vlans[i]);
        }
        b.putShort((short) etherType).put(payload);
        return b.array();
    }

    /** An IPv4 packet (DF set unless {@code dontFragment} is false) or, for IPv6 addresses, an IPv6 packet. */
    public static byte[] ip(String src, String dst, int protocol, byte[] payload, boolean dontFragment) {
        byte[] s = addr(src);
        byte[] d = addr(dst);
        if (s.length == 16) {
            ByteBuffer b = ByteBuffer.allocate(40 + payload.length);
            b.putInt(0x60000000).putShort((short) payload.length).put((byte) protocol).put((byte) 64)
                    .put(s).put(d).put(payload);
            return b.array();
        }
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + payload.length)).putShort((short) 0x1234)
                .putShort((short) (dontFragment ? 0x4000 : 0)).put((byte) 64).put((byte) protocol).putShort((short) 0)
                .put(s).put(d);
        byte[] header = b.array();
        int sum = checksum(header, 0, 20);
        header[10] = (byte) (sum >>> 8);
        header[11] = (byte) sum;
        b.put(payload);
        return b.array();
    }

    public static TcpSegment tcp(String src, int srcPort, String dst, int dstPort) {
        return new TcpSegment(src, srcPort, dst, dstPort);
    }

    public static byte[] udp(String src, int srcPort, String dst, int dstPort, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + data.length);
        b.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (8 + data.length)).putShort((short) 0)
                .put(data);
        return ip(src, dst, 17, b.array(), false);
    }

    /** ICMP fragmentation-needed (type 3 code 4) from {@code router} quoting the start of {@code offending}. */
    public static byte[] icmpFragmentationNeeded(String router, String to, int mtu, byte[] offending) {
        return icmpError(router, to, 3, 4, mtu, offending);
    }

    public static byte[] icmpError(String router, String to, int type, int code, int mtu, byte[] offending) {
        int quoted = Math.min(offending.length, 28 + 20);
        ByteBuffer b = ByteBuffer.allocate(8 + quoted);
        b.put((byte) type).put((byte) code).putShort((short) 0).putShort((short) 0).putShort((short) mtu)
                .put(offending, 0, quoted);
        return ip(router, to, 1, b.array(), false);
    }

    /** VXLAN: an outer UDP/IPv4 packet from VTEP {@code outerSrc} to {@code outerDst} carrying {@code inner}. */
    public static byte[] vxlan(String outerSrc, String outerDst, int port, int vni, byte[] innerEthernet) {
        ByteBuffer header = ByteBuffer.allocate(8 + innerEthernet.length);
        header.putInt(0x08000000).putInt(vni << 8).put(innerEthernet);
        return udp(outerSrc, 40000 + vni % 1000, outerDst, port, header.array());
    }

    public static byte[] arp(int operation, String senderMac, String senderIp, String targetMac, String targetIp) {
        ByteBuffer b = ByteBuffer.allocate(28);
        b.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) operation)
                .put(mac(senderMac)).put(addr(senderIp)).put(mac(targetMac)).put(addr(targetIp));
        return ethernetOf(senderMac, operation == 1 ? "ff:ff:ff:ff:ff:ff" : targetMac, 0x0806, b.array());
    }

    static byte[] mac(String text) {
        String[] parts = text.split(":");
        byte[] out = new byte[6];
        for (int i = 0; i < 6; i++) {
            out[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return out;
    }

    static byte[] addr(String ip) {
        try {
            return InetAddress.getByName(ip).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(ip, e);
        }
    }

    /** The Internet checksum (RFC 1071) of {@code length} bytes from {@code from}. */
    static int checksum(byte[] b, int from, int length) {
        long sum = 0;
        for (int i = from; i < from + length; i += 2) {
            sum += (b[i] & 0xff) << 8 | (i + 1 < from + length ? b[i + 1] & 0xff : 0);
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    /** Concatenates byte arrays. */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}

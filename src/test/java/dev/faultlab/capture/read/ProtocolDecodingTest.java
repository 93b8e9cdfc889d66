package dev.faultlab.capture.read;

import dev.faultlab.capture.testing.Frames;
import dev.faultlab.capture.testing.TcpSegment;
import dev.faultlab.capture.testing.TestCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Header fields the detectors rely on: TCP options, ICMP errors with quotes, IPv6 extensions, ARP, VXLAN. */
class ProtocolDecodingTest {
    @TempDir
    Path dir;

    private List<Packet> read(TestCapture capture) {
        return LinkTypeReaderTest.readAll(capture.writePcapng(dir.resolve("p.pcapng")));
    }

    @Test
    void tcpOptionsAndSackBlocks() {
        byte[] ack = Frames.tcp("10.0.0.2", 80, "10.0.0.1", 5000).flags(TcpSegment.ACK).seq(7).ack(2883)
                .timestamps(111, 222).sack(4281, 5588).sack(6000, 7000).ethernet();
        byte[] syn = Frames.tcp("10.0.0.1", 5000, "10.0.0.2", 80).flags(TcpSegment.SYN).mss(1460).sackPermitted()
                .windowScale(7).timestamps(5, 0).ethernet();
        List<Packet> packets = read(TestCapture.ethernet().at(0, syn).at(1, ack));
        TcpOptions synOptions = packets.get(0).tcp().options();
        assertThat(synOptions.sackPermitted()).isTrue();
        assertThat(synOptions.windowScale()).isEqualTo(7);
        assertThat(synOptions.tsVal()).isEqualTo(5);
        TcpOptions ackOptions = packets.get(1).tcp().options();
        assertThat(ackOptions.sackBlocks()).containsExactly(new SackBlock(4281, 5588), new SackBlock(6000, 7000));
        assertThat(ackOptions.tsEcr()).isEqualTo(222);
        assertThat(packets.get(1).tcp().isAck()).isTrue();
    }

    /**
     * NOP, NOP, timestamps (every Linux segment after the handshake) is read without the options walk: the same
     * options as the walk reads from another layout of the same option, and a frame cut inside it is truncated.
     */
    @Test
    void nopNopTimestampsReadsAsTheOptionsWalk() {
        byte[] usual = Frames.tcp("10.0.0.1", 5000, "10.0.0.2", 80).seq(7).timestamps(0xfedcba98L, 17).ethernet();
        int options = 14 + 20 + 20;
        assertThat(Arrays.copyOfRange(usual, options, options + 4)).containsExactly(1, 1, 8, 10);
        byte[] reordered = usual.clone();
        System.arraycopy(usual, options + 2, reordered, options, 10); // timestamps first, then NOP, NOP
        reordered[options + 10] = 1;
        reordered[options + 11] = 1;
        byte[] cut = Arrays.copyOf(usual, options + 8);
        List<Packet> packets = read(TestCapture.ethernet().at(0, usual).at(1, reordered).at(2, cut));
        assertThat(packets.get(0).tcp().options()).isEqualTo(packets.get(1).tcp().options())
                .isEqualTo(new TcpOptions(-1, -1, false, List.of(), 0xfedcba98L, 17));
        assertThat(packets.get(0).truncated()).isFalse();
        assertThat(packets.get(2).truncated()).isTrue();
        assertThat(packets.get(2).tcp().options().hasTimestamps()).isFalse();
    }

    /**
     * Timestamps-only options are shared between segments with the same values (the decoder keeps the last two):
     * random runs of repeated, alternating and new values each read back as their own segment's values.
     */
    @Test
    void sharedTimestampOptionsKeepEachSegmentsValues() {
        java.util.Random random = new java.util.Random(7);
        TestCapture capture = TestCapture.ethernet();
        long[][] sent = new long[400][];
        long[][] recent = {{1, 2}, {3, 4}, {5, 6}};
        for (int i = 0; i < sent.length; i++) {
            long[] values = random.nextInt(4) == 0 ? new long[] {random.nextInt(8), random.nextInt(8)}
                    : recent[random.nextInt(recent.length)];
            recent[i % recent.length] = values;
            sent[i] = values;
            capture.at(i, Frames.tcp("10.0.0.1", 5000, "10.0.0.2", 80).seq(i).timestamps(values[0], values[1])
                    .ethernet());
        }
        List<Packet> packets = read(capture);
        assertThat(packets).hasSize(sent.length);
        for (int i = 0; i < sent.length; i++) {
            assertThat(packets.get(i).tcp().options())
                    .isEqualTo(new TcpOptions(-1, -1, false, List.of(), sent[i][0], sent[i][1]));
        }
        for (int i = 1; i < sent.length; i++) {
            if (Arrays.equals(sent[i], sent[i - 1])) {
                assertThat(packets.get(i).tcp().options()).isSameAs(packets.get(i - 1).tcp().options());
            }
        }
    }

    @Test
    void icmpFragmentationNeededQuotesTheSegment() throws Exception {
        byte[] big = Frames.tcp("10.0.0.1", 5000, "10.0.0.2", 80).seq(2883).timestamps(1, 2).payload(1398).ip();
        byte[] icmp = Frames.icmpFragmentationNeeded("10.0.0.254", "10.0.0.1", 1440, big);
        Packet p = read(TestCapture.ethernet().at(0, Frames.ethernet(Frames.MAC_B, Frames.MAC_A, icmp))).get(0);
        assertThat(p.icmp().isFragmentationNeeded()).isTrue();
        assertThat(p.icmp().nextHopMtu()).isEqualTo(1440);
        QuotedPacket quoted = p.icmp().quoted();
        assertThat(quoted.ip().totalLength()).isEqualTo(1450);
        assertThat(quoted.ip().destination()).isEqualTo(InetAddress.getByName("10.0.0.2"));
        assertThat(quoted.sourcePort()).isEqualTo(5000);
        assertThat(quoted.tcpSeq()).isEqualTo(2883);
    }

    @Test
    void ipv6ExtensionHeadersAreSkipped() {
        byte[] tcp = Frames.tcp("fd00::1", 5000, "fd00::2", 80).flags(TcpSegment.SYN).seq(9).bytes();
        byte[] hopByHop = {6, 0, 1, 4, 0, 0, 0, 0};
        ByteBuffer ip = ByteBuffer.allocate(40 + 8 + tcp.length);
        ip.putInt(0x60000000).putShort((short) (8 + tcp.length)).put((byte) 0).put((byte) 64)
                .put(addr("fd00::1")).put(addr("fd00::2")).put(hopByHop).put(tcp);
        Packet p = read(TestCapture.ethernet().at(0, Frames.ethernet(Frames.MAC_A, Frames.MAC_B, ip.array()))).get(0);
        assertThat(p.ip().version()).isEqualTo(6);
        assertThat(p.ip().headerLength()).isEqualTo(48);
        assertThat(p.tcp().isSynOnly()).isTrue();
        assertThat(p.tcp().seq()).isEqualTo(9);
    }

    @Test
    void arpRequest() throws Exception {
        Packet p = read(TestCapture.ethernet().at(0, Frames.arp(1, Frames.MAC_A, "10.0.0.1", "00:00:00:00:00:00",
                "10.0.0.2"))).get(0);
        assertThat(p.arp().operation()).isEqualTo(1);
        assertThat(p.arp().targetIp()).isEqualTo(InetAddress.getByName("10.0.0.2"));
        assertThat(p.link().destination().isGroup()).isTrue();
    }

    @Test
    void vxlanInnerFrameIsDecoded() throws Exception {
        byte[] inner = Frames.ethernet("0a:0a:0a:0a:0a:01", "0a:0a:0a:0a:0a:02",
                Frames.tcp("10.244.1.2", 5000, "10.244.3.2", 53).flags(TcpSegment.SYN).ip());
        byte[] outer = Frames.ethernet(Frames.MAC_A, Frames.MAC_B,
                Frames.vxlan("192.168.100.11", "192.168.100.13", 8472, 1, inner));
        Packet p = read(TestCapture.ethernet().at(0, outer)).get(0);
        assertThat(p.vxlan().vni()).isEqualTo(1);
        assertThat(p.ip().source()).isEqualTo(InetAddress.getByName("192.168.100.11"));
        Packet in = p.innermost();
        assertThat(in.link().destination()).hasToString("0a:0a:0a:0a:0a:02");
        assertThat(in.tcp().destinationPort()).isEqualTo(53);
        assertThat(in.frame()).isEqualTo(p.frame());
    }

    @Test
    void ipipInnerPacketIsDecoded() throws Exception {
        byte[] inner = Frames.tcp("10.244.1.2", 5000, "10.244.2.3", 80).flags(TcpSegment.SYN).seq(77).ip();
        byte[] outer = Frames.ip("192.168.100.11", "192.168.100.12", 4, inner, false);
        Packet p = read(TestCapture.ethernet().at(0, Frames.ethernet(Frames.MAC_A, Frames.MAC_B, outer))).get(0);
        assertThat(p.ipTunnel().protocol()).isEqualTo(4);
        assertThat(p.ip().destination()).isEqualTo(InetAddress.getByName("192.168.100.12"));
        assertThat(p.innermost().tcp().seq()).isEqualTo(77);
        assertThat(p.innermost().ip().source()).isEqualTo(InetAddress.getByName("10.244.1.2"));
        assertThat(p.summary()).contains("IPIP {#1 10.244.1.2:5000 > 10.244.2.3:80 [SYN]");
    }

    @Test
    void snaplenKeepsHeadersAndWireLengths() {
        byte[] big = Frames.tcp("10.0.0.1", 5000, "10.0.0.2", 80).seq(1).timestamps(1, 2).payload(1398).ethernet();
        byte[] cut = java.util.Arrays.copyOf(big, 96);
        Packet p = read(TestCapture.ethernet().at(0, cut)).get(0);
        assertThat(p.tcp().payloadLength()).isEqualTo(1398);
        assertThat(p.ip().totalLength()).isEqualTo(1450);
        Packet header = read(TestCapture.ethernet().at(0, java.util.Arrays.copyOf(big, 40))).get(0);
        assertThat(header.truncated()).isTrue();
        assertThat(header.tcp()).isNull();
        assertThat(header.link()).isNotNull();
    }

    private static byte[] addr(String ip) {
        try {
            return InetAddress.getByName(ip).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}

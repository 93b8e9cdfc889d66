package dev.faultlab.capture.read;

import dev.faultlab.capture.testing.Frames;
import dev.faultlab.capture.testing.TcpSegment;
import dev.faultlab.capture.testing.TestCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every supported link type and both file formats carry the same TCP segment to the same decoded fields. */
class LinkTypeReaderTest {
    @TempDir
    Path dir;

    private final byte[] syn = Frames.tcp("10.244.1.2", 40000, "10.244.2.3", 80).flags(TcpSegment.SYN).seq(1000)
            .mss(1460).ip();

    @Test
    void ethernetWithVlanAndQinQ() throws IOException {
        Packet single = only(TestCapture.ethernet().at(0, Frames.ethernet(Frames.MAC_A, Frames.MAC_B, syn, 7)));
        Packet qinq = only(TestCapture.ethernet().at(0, Frames.ethernet(Frames.MAC_A, Frames.MAC_B, syn, 100, 7)));
        assertThat(single.link().vlans()).containsExactly(7);
        assertThat(qinq.link().vlans()).containsExactly(100, 7);
        assertThat(qinq.link().source()).hasToString(Frames.MAC_A);
        assertSyn(single);
        assertSyn(qinq);
    }

    @Test
    void linuxCookedV1AndV2() throws IOException {
        ByteBuffer sll = ByteBuffer.allocate(16 + syn.length);
        sll.putShort((short) 4).putShort((short) 1).putShort((short) 6).put(new byte[]{2, 0, 0, 0, 0, 0x0a, 0, 0})
                .putShort((short) 0x0800).put(syn);
        ByteBuffer sll2 = ByteBuffer.allocate(20 + syn.length);
        sll2.putShort((short) 0x0800).putShort((short) 0).putInt(5).putShort((short) 1).put((byte) 0)
                .put((byte) 6).put(new byte[]{2, 0, 0, 0, 0, 0x0a, 0, 0}).put(syn);
        Packet v1 = only(TestCapture.ofLinkType(113).at(0, sll.array()));
        Packet v2 = only(TestCapture.ofLinkType(276).at(0, sll2.array()));
        assertThat(v1.link().direction()).isEqualTo(4);
        assertThat(v2.link().ifIndex()).isEqualTo(5);
        assertThat(v2.link().source()).hasToString(Frames.MAC_A);
        assertSyn(v1);
        assertSyn(v2);
    }

    @Test
    void rawIpAndLoopback() throws IOException {
        byte[] nullHeader = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(2).array();
        byte[] loopHeader = ByteBuffer.allocate(4).putInt(2).array();
        assertSyn(only(TestCapture.ofLinkType(101).at(0, syn)));
        assertSyn(only(TestCapture.ofLinkType(12).at(0, syn)));
        assertSyn(only(TestCapture.ofLinkType(228).at(0, syn))); // LINKTYPE_IPV4; LINKTYPE_IPV6 in RealCaptureReaderTest
        assertSyn(only(TestCapture.ofLinkType(0).at(0, Frames.concat(nullHeader, syn))));
        assertSyn(only(TestCapture.ofLinkType(108).at(0, Frames.concat(loopHeader, syn))));
    }

    @Test
    void bigEndianNanosecondPcap() throws IOException {
        ByteBuffer file = ByteBuffer.allocate(24 + 16 + syn.length);
        file.putInt(0xa1b23c4d).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(101)
                .putInt(1_700_000_000).putInt(123_456_789).putInt(syn.length).putInt(syn.length).put(syn);
        Path path = dir.resolve("be-nano.pcap");
        Files.write(path, file.array());
        Packet p = readAll(path).get(0);
        assertThat(p.epochNanos()).isEqualTo(1_700_000_000_123_456_789L);
        assertSyn(p);
    }

    @Test
    void pcapngWithTwoInterfacesAndPowerOfTwoResolution() throws IOException {
        Packet p = readPacketBlock(6, b -> b.putInt(1));
        assertThat(p.interfaceId()).isEqualTo(1);
        assertThat(p.epochNanos()).isEqualTo(3_500_000_000L);
        assertSyn(p);
    }

    /** The obsolete packet block: a 16-bit interface id and a 16-bit drop count, then the enhanced block's layout. */
    @Test
    void pcapngObsoletePacketBlock() throws IOException {
        Packet p = readPacketBlock(2, b -> b.putShort((short) 1).putShort((short) 7));
        assertThat(p.interfaceId()).isEqualTo(1);
        assertThat(p.epochNanos()).isEqualTo(3_500_000_000L);
        assertSyn(p);
    }

    /**
     * Reads a file of {@link #sectionWithTwoInterfaces()} and one packet block of {@code type} carrying the SYN at
     * 3.5 s; {@code interfaceField} writes the block's first four bytes.
     */
    private Packet readPacketBlock(int type, java.util.function.Consumer<ByteBuffer> interfaceField) throws IOException {
        ByteBuffer b = sectionWithTwoInterfaces();
        int padded = (syn.length + 3) & ~3;
        b.putInt(type).putInt(32 + padded);
        interfaceField.accept(b);
        b.putInt(0).putInt(3 * 1024 + 512).putInt(syn.length).putInt(syn.length).put(syn)
                .put(new byte[padded - syn.length]).putInt(32 + padded);
        Path path = dir.resolve("block-" + type + ".pcapng");
        Files.write(path, java.util.Arrays.copyOf(b.array(), b.position()));
        return readAll(path).get(0);
    }

    /** A big-endian section header, interface 0 Ethernet in microseconds, interface 1 raw IP in 2^-10 s. */
    private static ByteBuffer sectionWithTwoInterfaces() {
        ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.BIG_ENDIAN);
        b.putInt(0x0A0D0D0A).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1).putInt(28);
        b.putInt(1).putInt(20).putShort((short) 1).putShort((short) 0).putInt(0).putInt(20); // Ethernet, micros
        // raw IP, if_tsresol = 2^-10
        b.putInt(1).putInt(28).putShort((short) 101).putShort((short) 0).putInt(0)
                .putShort((short) 9).putShort((short) 1).put((byte) 0x8a).put(new byte[3]).putInt(28);
        return b;
    }

    private static void assertSyn(Packet p) throws IOException {
        assertThat(p.ip().source()).isEqualTo(InetAddress.getByName("10.244.1.2"));
        assertThat(p.ip().destination()).isEqualTo(InetAddress.getByName("10.244.2.3"));
        assertThat(p.tcp().isSynOnly()).isTrue();
        assertThat(p.tcp().seq()).isEqualTo(1000);
        assertThat(p.tcp().options().mss()).isEqualTo(1460);
        assertThat(p.truncated()).isFalse();
    }

    private Packet only(TestCapture capture) {
        List<Packet> pcapng = readAll(capture.writePcapng(dir.resolve("t.pcapng")));
        List<Packet> pcap = readAll(capture.writePcap(dir.resolve("t.pcap")));
        assertThat(pcapng).hasSize(1);
        assertThat(pcap).hasSize(1);
        assertThat(pcap.get(0)).isEqualTo(pcapng.get(0));
        return pcapng.get(0);
    }

    static List<Packet> readAll(Path file) {
        List<Packet> packets = new ArrayList<>();
        try (CaptureReader reader = CaptureReader.open(file)) {
            reader.forEach(packets::add);
        }
        return packets;
    }
}

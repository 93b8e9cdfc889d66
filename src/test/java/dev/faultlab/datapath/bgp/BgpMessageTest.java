package dev.faultlab.datapath.bgp;

import dev.faultlab.datapath.Commands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class BgpMessageTest {
    private static final int ROUTER = Ipv4.parse("192.168.100.11");
    private static final BgpMessage.Open OPEN_WITH_RESTART = new BgpMessage.Open(64512, 9, ROUTER, true, true,
            Optional.of(new BgpMessage.GracefulRestart(true, 120, true, true)));
    private static final BgpMessage.Update ANNOUNCE = new BgpMessage.Update(List.of(),
            Optional.of(BgpMessage.PathAttributes.originated(ROUTER, 100)), List.of(Prefix.parse("10.244.1.0/24")));
    private static final BgpMessage.Update WITHDRAW = BgpMessage.Update.withdraw(
            List.of(Prefix.parse("10.244.7.0/24"), Prefix.parse("10.0.0.0/8")));
    /**
     * A zero-length prefix is its length octet alone; a reader that took address octets for it would read the next
     * prefix wrong. (It goes first: tshark 4.0 lists only the last withdrawn prefix when a /0 ends the list, for
     * hand-encoded RFC 4271 bytes too, and flags nothing.)
     */
    private static final BgpMessage.Update WITHDRAW_WITH_DEFAULT = BgpMessage.Update.withdraw(
            List.of(Prefix.parse("0.0.0.0/0"), Prefix.parse("10.244.7.0/24")));
    private static final BgpMessage.Notification CEASE =
            BgpMessage.Notification.cease(BgpMessage.Notification.ADMINISTRATIVE_SHUTDOWN);

    private static BgpMessage roundTrip(BgpMessage message) {
        ByteBuffer wire = ByteBuffer.wrap(message.encode());
        BgpMessage decoded = BgpMessage.next(wire).orElseThrow();
        assertThat(wire.hasRemaining()).as("the whole message was read").isFalse();
        return decoded;
    }

    @Test
    void everyMessageDecodesToWhatWasEncoded() {
        BgpMessage.Open plain = new BgpMessage.Open(64512, 90, ROUTER, true, true, Optional.empty());
        BgpMessage.Update fromAnotherAs = new BgpMessage.Update(List.of(Prefix.parse("10.244.3.0/24")),
                Optional.of(new BgpMessage.PathAttributes(2, List.of(65001L, 4_200_000_000L), Ipv4.parse("10.1.2.3"),
                        OptionalLong.empty())), List.of(Prefix.parse("10.244.2.0/23"), Prefix.parse("10.9.9.9/32")));
        BgpMessage.Update withdrawDefault = BgpMessage.Update.withdraw(List.of(Prefix.parse("0.0.0.0/0")));
        for (BgpMessage message : List.of(OPEN_WITH_RESTART, plain, ANNOUNCE, fromAnotherAs, WITHDRAW, withdrawDefault,
                BgpMessage.Update.endOfRib(), CEASE, new BgpMessage.Keepalive())) {
            assertThat(roundTrip(message)).isEqualTo(message);
        }
    }

    @Test
    void aFourOctetAsGoesAsAsTransInTheTwoOctetField() {
        byte[] wire = new BgpMessage.Open(4_200_000_000L, 9, ROUTER, true, true, Optional.empty()).encode();
        assertThat(ByteBuffer.wrap(wire).getShort(20)).isEqualTo((short) BgpMessage.AS_TRANS);
        assertThat(((BgpMessage.Open) BgpMessage.next(ByteBuffer.wrap(wire)).orElseThrow()).asn())
                .isEqualTo(4_200_000_000L);
    }

    @Test
    void keepaliveAndEndOfRibAreTheRfcsBytes() {
        byte[] marker = new byte[16];
        java.util.Arrays.fill(marker, (byte) 0xff);
        assertThat(new BgpMessage.Keepalive().encode()).startsWith(marker).endsWith(0, 19, 4).hasSize(19);
        assertThat(BgpMessage.Update.endOfRib().encode()).startsWith(marker).endsWith(0, 23, 2, 0, 0, 0, 0)
                .hasSize(23);
        assertThat(((BgpMessage.Update) roundTrip(BgpMessage.Update.endOfRib())).isEndOfRib()).isTrue();
        assertThat(ANNOUNCE.isEndOfRib()).isFalse();
    }

    @Test
    void anIncompleteMessageWaitsForTheRestOfTheStream() {
        byte[] two = concat(ANNOUNCE.encode(), new BgpMessage.Keepalive().encode());
        ByteBuffer partial = ByteBuffer.wrap(two, 0, ANNOUNCE.encode().length + 5);
        assertThat(BgpMessage.next(partial)).contains(ANNOUNCE);
        int before = partial.position();
        assertThat(BgpMessage.next(partial)).isEmpty();
        assertThat(partial.position()).isEqualTo(before);
    }

    @Test
    void brokenBytesAreRefusedWithTheRfcsErrorCodes() {
        byte[] noMarker = new BgpMessage.Keepalive().encode();
        noMarker[3] = 0;
        assertThatThrownBy(() -> BgpMessage.next(ByteBuffer.wrap(noMarker)))
                .isInstanceOfSatisfying(BgpFormatException.class,
                        e -> assertThat(e.notification()).isEqualTo(new BgpMessage.Notification(1, 1, new byte[0])));
        byte[] badType = new BgpMessage.Keepalive().encode();
        badType[18] = 9;
        assertThatThrownBy(() -> BgpMessage.next(ByteBuffer.wrap(badType)))
                .isInstanceOfSatisfying(BgpFormatException.class,
                        e -> assertThat(e.notification()).isEqualTo(new BgpMessage.Notification(1, 3, new byte[0])));
        byte[] noNextHop = ANNOUNCE.encode();
        // header and the two lengths (23), ORIGIN (4), empty AS_PATH (3), then NEXT_HOP's flags and type octets
        noNextHop[23 + 4 + 3 + 1] = 99; // NEXT_HOP's type turned into an unknown attribute
        assertThatThrownBy(() -> BgpMessage.next(ByteBuffer.wrap(noNextHop)))
                .isInstanceOfSatisfying(BgpFormatException.class,
                        e -> assertThat(e.notification()).isEqualTo(new BgpMessage.Notification(3, 3, new byte[0])));
    }

    /** tshark, a decoder written by others, reads our bytes as the messages and fields we meant. */
    @Test
    void tsharkDissectsTheEncodedMessages(@TempDir Path dir) throws IOException {
        assumeTrue(Commands.run(List.of("tshark", "--version")).ok(), "tshark not installed");
        List<BgpMessage> messages = List.of(OPEN_WITH_RESTART, new BgpMessage.Keepalive(), ANNOUNCE,
                BgpMessage.Update.endOfRib(), WITHDRAW, WITHDRAW_WITH_DEFAULT, CEASE);
        Path pcap = dir.resolve("bgp.pcap");
        Files.write(pcap, pcap(messages.stream().map(BgpMessage::encode).toList()));
        String fields = Commands.run(List.of("tshark", "-r", pcap.toString(), "-T", "fields", "-E", "separator=|",
                "-e", "bgp.type", "-e", "bgp.open.myas", "-e", "bgp.open.holdtime", "-e", "bgp.open.identifier",
                "-e", "bgp.cap.4as", "-e", "bgp.cap.gr.timers.restart_time", "-e", "bgp.nlri_prefix",
                "-e", "bgp.update.path_attribute.next_hop", "-e", "bgp.update.path_attribute.local_pref",
                "-e", "bgp.withdrawn_prefix", "-e", "bgp.notify.major_error", "-e", "bgp.notify.minor_error_cease",
                "-e", "_ws.malformed"), null, Duration.ofSeconds(30)).stdout();
        assertThat(fields.lines().toList()).containsExactly(
                "1|64512|9|192.168.100.11|64512|120|||||||",
                "4||||||||||||",
                "2||||||10.244.1.0|192.168.100.11|100||||",
                "2||||||||||||",
                "2|||||||||10.244.7.0,10.0.0.0|||",
                "2|||||||||0.0.0.0,10.244.7.0|||",
                "3||||||||||6|2|");
    }

    /** A capture of one TCP segment per message, 192.168.100.11:40000 -> 192.168.100.12:179. */
    private static byte[] pcap(List<byte[]> payloads) {
        int size = 24 + payloads.stream().mapToInt(p -> 16 + 54 + p.length).sum();
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        int seq = 1;
        for (byte[] payload : payloads) {
            out.putInt(1_700_000_000).putInt(seq).putInt(54 + payload.length).putInt(54 + payload.length);
            ByteBuffer frame = ByteBuffer.allocate(54 + payload.length);
            frame.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
            frame.put((byte) 0x45).put((byte) 0).putShort((short) (40 + payload.length)).putInt(0)
                    .put((byte) 64).put((byte) 6).putShort((short) 0)
                    .putInt(Ipv4.parse("192.168.100.11")).putInt(Ipv4.parse("192.168.100.12"));
            frame.putShort((short) 40000).putShort((short) 179).putInt(seq).putInt(1)
                    .put((byte) 0x50).put((byte) 0x18).putShort((short) 65535).putInt(0);
            frame.put(payload);
            out.put(frame.array());
            seq += payload.length;
        }
        return out.array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}

package dev.faultlab.capture.live;

import dev.faultlab.LabException;
import dev.faultlab.capture.CaptureFileWriter;
import dev.faultlab.capture.CaptureRequest;
import dev.faultlab.capture.CaptureStats;
import dev.faultlab.capture.testlab.Commands;
import dev.faultlab.capture.read.Packet;
import dev.faultlab.capture.testlab.Captured;
import dev.faultlab.capture.testlab.PcapngFile;
import dev.faultlab.capture.testlab.VethPair;
import dev.faultlab.backend.ExecResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Live capture inside namespaces of two separate veth pairs (the second one is traffic that must not show up). */
@Tag("root")
class NamespaceCaptureTest {
    private static final int PORT = 9999;

    @TempDir
    Path dir;
    private VethPair watched;
    private VethPair other;

    @BeforeEach
    void createNamespaces() {
        watched = VethPair.create("10.201.1");
        other = VethPair.create("10.201.2");
    }

    @AfterEach
    void removeNamespaces() {
        if (watched != null) {
            watched.close();
        }
        if (other != null) {
            other.close();
        }
    }

    @Test
    void capturesThisNamespacesTrafficAndNothingElse() throws IOException {
        Path file = dir.resolve("watched.pcapng");
        NamespaceCapture capture = NamespaceCapture.start("left", watched.leftNetns(),
                CaptureRequest.of(watched.leftDevice(), file).withFilter("udp port " + PORT));
        // sent right after start returns: nothing may be lost, so the count must be exact
        UdpSender.send(watched.leftNetns(), watched.rightIp(), PORT, 20, 100);
        UdpSender.send(other.leftNetns(), other.rightIp(), PORT, 30, 100);
        CaptureStats stats = capture.stop();

        PcapngFile pcap = PcapngFile.read(file);
        assertThat(pcap.linkType()).isEqualTo(CaptureFileWriter.LINKTYPE_ETHERNET);
        assertThat(pcap.interfaceName()).isEqualTo(watched.leftDevice());
        List<Packet> udp = Captured.packets(file).stream().filter(p -> p.udp() != null).toList();
        assertThat(udp).hasSize(20).allSatisfy(p -> {
            assertThat(Captured.addresses(p)).containsExactly(watched.leftIp(), watched.rightIp());
            assertThat(p.udp().destinationPort()).isEqualTo(PORT);
        });
        assertThat(pcap.frames()).hasSize(20);
        assertThat(stats.written()).isEqualTo(20);
        assertThat(stats.received()).isGreaterThanOrEqualTo(20);
        assertThat(stats.dropped()).isZero();
        assertThat(tsharkFrameCount(file)).hasValueSatisfying(n -> assertThat(n).isEqualTo(20));
    }

    @Test
    void bpfFilterKeepsOnlyMatchingFrames() throws IOException {
        Path file = dir.resolve("filtered.pcapng");
        NamespaceCapture capture = NamespaceCapture.start("right", watched.rightNetns(),
                CaptureRequest.of(watched.rightDevice(), file).withFilter("udp dst port 7001"));
        UdpSender.send(watched.leftNetns(), watched.rightIp(), 7001, 5, 10);
        UdpSender.send(watched.leftNetns(), watched.rightIp(), 7002, 7, 10);
        capture.stop();

        assertThat(Captured.packets(file)).hasSize(5)
                .allSatisfy(p -> assertThat(p.udp().destinationPort()).isEqualTo(7001));
    }

    @Test
    void anyDeviceWithoutFilterSeesOnlyThisNamespaceAndSnaplenCutsFrames() throws IOException {
        Path file = dir.resolve("any.pcapng");
        NamespaceCapture capture = NamespaceCapture.start("left", watched.leftNetns(),
                CaptureRequest.of("any", file).withSnaplen(64));
        UdpSender.send(watched.leftNetns(), watched.rightIp(), PORT, 4, 500);
        UdpSender.send(other.leftNetns(), other.rightIp(), PORT, 9, 500);
        capture.stop();

        PcapngFile pcap = PcapngFile.read(file);
        assertThat(capture.linkType()).isIn(CaptureFileWriter.LINKTYPE_LINUX_SLL, CaptureFileWriter.LINKTYPE_LINUX_SLL2);
        assertThat(pcap.linkType()).isEqualTo(capture.linkType());
        assertThat(pcap.interfaceName()).isEqualTo("any");
        assertThat(pcap.frames()).allSatisfy(f -> assertThat(f.data()).hasSizeLessThanOrEqualTo(64));
        // IPv4 is only the watched pair's; the namespace's own IPv6 housekeeping (MLD reports sent from :: while
        // the veth's address is still tentative) may appear too, but nothing of the other pair's namespace does.
        List<Packet> ip = Captured.packets(file).stream().filter(p -> p.ip() != null).toList();
        assertThat(ip).allSatisfy(p -> assertThat(Captured.addresses(p))
                .doesNotContain(other.leftIp(), other.rightIp()));
        assertThat(ip).filteredOn(p -> p.ip().version() == 4).allSatisfy(p -> assertThat(Captured.addresses(p))
                .containsExactlyInAnyOrder(watched.leftIp(), watched.rightIp()));
        assertThat(ip).filteredOn(p -> p.udp() != null).hasSize(4);
        // the 500-byte datagrams (and the ICMP errors quoting them) were cut to the snaplen, their wire length kept
        assertThat(pcap.frames()).filteredOn(f -> f.originalLength() > 500).hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(f -> assertThat(f.data()).hasSize(64));
        assertThat(tsharkFrameCount(file)).hasValueSatisfying(n -> assertThat(n).isEqualTo(pcap.frames().size()));
    }

    @Test
    void idleCaptureStopsPromptlyAndStopIsIdempotent() throws IOException {
        Path file = dir.resolve("idle.pcapng");
        NamespaceCapture capture = NamespaceCapture.start("left", watched.leftNetns(),
                CaptureRequest.of(watched.leftDevice(), file).withFilter("udp port 1"));
        CaptureStats stats = assertTimeoutPreemptively(Duration.ofSeconds(5), capture::stop);
        assertThat(stats.written()).isZero();
        assertThat(capture.stop()).isEqualTo(stats);
        assertThat(PcapngFile.read(file).frames()).isEmpty();
    }

    @Test
    void unknownDeviceNamesTheDevicesThatExist() {
        assertThatThrownBy(() -> NamespaceCapture.start("left", watched.leftNetns(),
                CaptureRequest.of("nope0", dir.resolve("x.pcapng"))))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("no device 'nope0'")
                .hasMessageContaining(watched.leftDevice())
                .hasMessageNotContaining("\n");
    }

    @Test
    void badFilterSaysHowToFixIt() {
        assertThatThrownBy(() -> NamespaceCapture.start("left", watched.leftNetns(),
                CaptureRequest.of(watched.leftDevice(), dir.resolve("x.pcapng")).withFilter("udp port")))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("bad BPF filter 'udp port'")
                .hasMessageContaining("tcpdump -d")
                .hasMessageNotContaining("\n");
    }

    @Test
    void vanishedNamespaceIsReportedAsGone() {
        Path gone = Path.of("/run/netns", watched.leftNamespace() + "-gone");
        assertThatThrownBy(() -> NamespaceCapture.start("left", gone, CaptureRequest.of("any", dir.resolve("x.pcapng"))))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("network namespace " + gone + " is gone");
    }

    /** tshark's own count of the file's frames, when tshark is installed (an independent pcapng reader). */
    private static Optional<Integer> tsharkFrameCount(Path file) {
        ExecResult result = Commands.run(List.of("tshark", "-r", file.toString(), "-T", "fields", "-e", "frame.number"),
                Duration.ofSeconds(60));
        if (result.exitCode() == 127) {
            return Optional.empty();
        }
        assertThat(result.exitCode()).as("tshark -r %s: %s", file, result.stderr()).isZero();
        return Optional.of((int) result.stdout().lines().filter(l -> !l.isBlank()).count());
    }
}

package dev.faultlab.capture;

import dev.faultlab.capture.testlab.PcapngFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The pcapng blocks must be well formed (block lengths at both ends agree), else tshark rejects the file. */
class CaptureFileWriterTest {
    @TempDir
    Path dir;

    @Test
    void pcapngWithInterfaceNameIsWellFormed() throws IOException {
        Path file = dir.resolve("named.pcapng");
        try (CaptureFileWriter writer = CaptureFileWriter.pcapng(file, CaptureFileWriter.LINKTYPE_ETHERNET, 96, "flannel.1")) {
            writer.write(Instant.now(), new byte[60]);
            writer.write(Instant.now(), new byte[150], 1500);
        }
        PcapngFile pcap = PcapngFile.read(file);
        assertThat(pcap.linkType()).isEqualTo(CaptureFileWriter.LINKTYPE_ETHERNET);
        assertThat(pcap.interfaceName()).isEqualTo("flannel.1");
        assertThat(pcap.snaplen()).isEqualTo(96);
        assertThat(pcap.frames()).hasSize(2);
        assertThat(pcap.frames().get(1).data()).hasSize(96);
        assertThat(pcap.frames().get(1).originalLength()).isEqualTo(1500);
    }

    @Test
    void pcapngWithoutInterfaceNameKeepsRawLinkType() throws IOException {
        Path file = dir.resolve("unnamed.pcapng");
        try (CaptureFileWriter writer = CaptureFileWriter.pcapng(file, CaptureFileWriter.LINKTYPE_LINUX_SLL2, 65535, null)) {
            writer.write(Instant.now(), new byte[61]);
        }
        PcapngFile pcap = PcapngFile.read(file);
        assertThat(pcap.linkType()).isEqualTo(276);
        assertThat(pcap.interfaceName()).isNull();
        assertThat(pcap.frames()).singleElement().satisfies(f -> assertThat(f.data()).hasSize(61));
    }
}

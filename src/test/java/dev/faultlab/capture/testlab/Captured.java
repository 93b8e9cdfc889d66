package dev.faultlab.capture.testlab;

import dev.faultlab.capture.read.CaptureReader;
import dev.faultlab.capture.read.Packet;

import java.nio.file.Path;
import java.util.List;

/** Decoded packets of a capture file (the project's reader; tshark and {@link PcapngFile} check the format). */
public final class Captured {
    private Captured() {
    }

    public static List<Packet> packets(Path file) {
        try (CaptureReader reader = CaptureReader.open(file)) {
            return reader.stream().toList();
        }
    }

    /** Source and destination address of an IP packet. */
    public static List<String> addresses(Packet packet) {
        return List.of(packet.ip().source().getHostAddress(), packet.ip().destination().getHostAddress());
    }
}

package dev.faultlab.capture.testing;

import dev.faultlab.capture.CaptureFileWriter;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A capture assembled in a test: frames with explicit times, written with the project's {@link CaptureFileWriter}
 * so tests read exactly what lab runs write.
 */
public final class TestCapture {
    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private record Timed(Instant time, byte[] frame) {
    }

    private final List<Timed> frames = new ArrayList<>();
    private final int linkType;

    private TestCapture(int linkType) {
        this.linkType = linkType;
    }

    public static TestCapture ethernet() {
        return new TestCapture(CaptureFileWriter.LINKTYPE_ETHERNET);
    }

    public static TestCapture ofLinkType(int linkType) {
        return new TestCapture(linkType);
    }

    /** Adds a frame at {@code millis} after {@link #T0}. */
    public TestCapture at(double millis, byte[] frame) {
        frames.add(new Timed(T0.plus(Duration.ofNanos(Math.round(millis * 1_000_000))), frame));
        return this;
    }

    public int size() {
        return frames.size();
    }

    public Path writePcapng(Path file) {
        try (CaptureFileWriter writer = CaptureFileWriter.pcapng(file, linkType, 262144, "test0")) {
            frames.forEach(f -> writer.write(f.time(), f.frame()));
        }
        return file;
    }

    public Path writePcap(Path file) {
        try (CaptureFileWriter writer = CaptureFileWriter.pcap(file, linkType, 262144)) {
            frames.forEach(f -> writer.write(f.time(), f.frame()));
        }
        return file;
    }
}

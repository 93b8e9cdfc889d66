package dev.faultlab.cli;

import dev.faultlab.detect.DiagnosisProgress;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The progress line of {@code diagnose}: what it says, how often it is redrawn, and that it is cleared at the end. */
class ProgressLineTest {
    private final StringWriter written = new StringWriter();
    private final AtomicLong nanos = new AtomicLong();
    private final ProgressLine line = new ProgressLine(new PrintWriter(written), nanos::get);

    private static DiagnosisProgress at(int index, long read, long packets, boolean done) {
        return new DiagnosisProgress("node-1.pcap.gz", index, 2, read, 3_900_000_000L, packets, done);
    }

    @Test
    void saysWhichCaptureHowFarAndHowLong() {
        nanos.set(12_400_000_000L);
        assertThat(ProgressLine.text(at(1, 1_200_000_000L, 4_100_000, false), nanos.get()))
                .isEqualTo("reading node-1.pcap.gz (2 of 2): 1.2 GB of 3.9 GB (30%), 4,100,000 packets, 12 s");
    }

    @Test
    void redrawsAtMostFourTimesASecondInPlaceAndClearsAfterTheLastCapture() {
        for (int i = 0; i < 100; i++) {
            nanos.addAndGet(50_000_000L); // a report every 50 ms for 5 s
            line.accept(at(0, i * 1_000_000L, i * 65_536L, false));
        }
        String drawn = written.toString();
        long redraws = drawn.chars().filter(c -> c == '\r').count();
        assertThat(redraws).isBetween(19L, 21L);
        assertThat(drawn).doesNotContain("\n");

        line.accept(at(0, 3_900_000_000L, 7_000_000, true)); // the first capture done: not the end yet
        assertThat(written.toString()).doesNotEndWith(" \r");
        line.accept(at(1, 3_900_000_000L, 7_000_000, true));
        String cleared = written.toString().substring(drawn.length());
        assertThat(cleared).endsWith("\r").matches("\\r *\\r");
    }
}

package dev.faultlab.detect;

import dev.faultlab.detect.bench.SyntheticCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Diagnosis#withProgress}: a listener hears each capture start, then every {@value Diagnosis#PROGRESS_EVERY}
 * packets, then end, with the bytes of the file read (compressed ones for gzip) and the packets analysed; the
 * findings are those of a diagnosis without it.
 */
class DiagnosisProgressTest {
    @TempDir
    Path dir;

    @Test
    void reportsEachCaptureFromStartToEndInOrder() throws IOException {
        Path plain = dir.resolve("plain.pcap");
        SyntheticCapture.main(new String[]{plain.toString(), String.valueOf(2 * Diagnosis.PROGRESS_EVERY + 5_000)});
        Path gzipped = dir.resolve("renamed.bin");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzipped))) {
            Files.copy(plain, out);
        }
        List<DiagnosisProgress> heard = new ArrayList<>();
        List<Path> captures = List.of(plain, gzipped);

        DiagnosisReport report = Diagnosis.withDetectors(Diagnosis.loadDetectors()).withProgress(heard::add)
                .run(captures, List.of());

        assertThat(report.toJson()).isEqualTo(Diagnosis.analyze(captures, List.of()).toJson());
        long packets = 0;
        for (int i = 0; i < captures.size(); i++) {
            int index = i;
            List<DiagnosisProgress> capture = heard.stream().filter(p -> p.index() == index).toList();
            long size = Files.size(captures.get(i));
            assertThat(capture).allSatisfy(p -> {
                assertThat(p.captures()).isEqualTo(2);
                assertThat(p.capture()).isEqualTo(captures.get(index).getFileName().toString());
                assertThat(p.bytes()).isEqualTo(size);
            });
            assertThat(capture.get(0).packets()).isZero();
            assertThat(capture.get(0).done()).isFalse();
            DiagnosisProgress last = capture.get(capture.size() - 1);
            assertThat(last.done()).isTrue();
            assertThat(last.bytesRead()).isEqualTo(size);
            assertThat(last.fraction()).isEqualTo(1.0);
            List<DiagnosisProgress> between = capture.subList(1, capture.size() - 1);
            assertThat(between).extracting(DiagnosisProgress::packets)
                    .containsExactly((long) Diagnosis.PROGRESS_EVERY, 2L * Diagnosis.PROGRESS_EVERY);
            assertThat(between).allSatisfy(p -> assertThat(p.bytesRead()).isPositive().isLessThanOrEqualTo(size));
            assertThat(capture).extracting(DiagnosisProgress::bytesRead).isSorted();
            packets += last.packets();
        }
        assertThat(heard.stream().map(DiagnosisProgress::index).toList()).isSorted();
        assertThat(packets).isEqualTo(report.packets());
    }
}

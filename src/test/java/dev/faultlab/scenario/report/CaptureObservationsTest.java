package dev.faultlab.scenario.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CaptureObservationsTest {
    @Test
    void readsBackTheConnectionOnBothSidesOfTheNatFromRealCaptureFiles(@TempDir Path dir) {
        List<Observation> written = LabFixtures.mtuBlackhole();
        List<Path> files = CaptureFixtures.write(written, dir);
        CaptureObservations captures = new CaptureObservations(files, HostMap.of(LabFixtures.layout()));

        List<Observation> read = captures.connectionOf(dir.resolve("client-eth0.pcapng"), 4);

        Comparator<Observation> order = Comparator.comparing(Observation::time);
        assertThat(read).usingRecursiveFieldByFieldElementComparatorIgnoringFields()
                .containsExactlyInAnyOrderElementsOf(written.stream().sorted(order).toList());
    }

    @Test
    void aFrameOutsideAnyTcpConnectionGivesNothing(@TempDir Path dir) {
        List<Path> files = CaptureFixtures.write(LabFixtures.mtuBlackhole(), dir);
        CaptureObservations captures = new CaptureObservations(files, HostMap.of(LabFixtures.layout()));

        assertThat(captures.connectionOf(dir.resolve("client-eth0.pcapng"), 999)).isEmpty();
    }
}

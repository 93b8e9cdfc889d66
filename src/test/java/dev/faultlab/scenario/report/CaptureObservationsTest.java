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

        Observation seed = captures.first(dir.resolve("client-eth0.pcapng"), o -> o.frame() == 4).orElseThrow();
        List<Observation> read = captures.connectionOf(seed);

        Comparator<Observation> order = Comparator.comparing(Observation::time);
        assertThat(read).usingRecursiveFieldByFieldElementComparatorIgnoringFields()
                .containsExactlyInAnyOrderElementsOf(written.stream().sorted(order).toList());
    }

    @Test
    void findsTheFirstMatchingSegmentOfACaptureOrNothing(@TempDir Path dir) {
        List<Path> files = CaptureFixtures.write(LabFixtures.mtuBlackhole(), dir);
        CaptureObservations captures = new CaptureObservations(files, HostMap.of(LabFixtures.layout()));

        Observation synAck = captures.first(dir.resolve("pod-2-a-eth0.pcapng"), o -> o.flags().equals("SYN,ACK"))
                .orElseThrow();
        assertThat(synAck.frame()).isEqualTo(2);
        assertThat(synAck.captureHost()).isEqualTo("pod-2-a");
        assertThat(captures.first(dir.resolve("client-eth0.pcapng"), o -> o.frame() == 999)).isEmpty();
    }
}

package dev.faultlab.detect.detectors;

import dev.faultlab.detect.StateFixture;
import dev.faultlab.detect.state.HostStateReader;
import dev.faultlab.detect.state.HostStates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One snapshot gives counters since boot, never a rise; two give the rise between them. */
class CounterReadingTest {
    @TempDir
    Path dir;

    private Path snapshot(String label, String takenAt, long overflows) {
        StateFixture state = new StateFixture(dir.resolve(label), label, takenAt);
        state.host("pod-s").info("pod", "node-1", null, null, "10.9.0.5").nstat("TcpExtListenOverflows", overflows);
        return state.directory();
    }

    private static HostStates read(Path... dirs) {
        HostStateReader reader = new HostStateReader();
        return HostStates.of(java.util.Arrays.stream(dirs).map(reader::read).toList());
    }

    @Test
    void oneSnapshotIsAbsoluteSinceBootAndNoRise() {
        HostStates states = read(snapshot("after", "2026-01-01T00:05:00Z", 40));
        CounterReading reading = CounterReading.of(states, "pod-s", "TcpExtListenOverflows");
        assertThat(reading.sinceBoot()).isTrue();
        assertThat(reading.rose()).isFalse();
        assertThat(reading.describe("TcpExtListenOverflows")).contains("since boot").doesNotContain("rose");
    }

    @Test
    void twoSnapshotsGiveTheRise() {
        HostStates states = read(snapshot("before", "2026-01-01T00:00:00Z", 40),
                snapshot("after", "2026-01-01T00:05:00Z", 52));
        CounterReading reading = CounterReading.of(states, "pod-s", "TcpExtListenOverflows");
        assertThat(reading.rose()).isTrue();
        assertThat(reading.value()).isEqualTo(12);
        assertThat(reading.describe("TcpExtListenOverflows")).isEqualTo("TcpExtListenOverflows rose by 12");
        assertThat(List.of(CounterReading.of(states, "pod-s", "TcpExtListenDrops").rose())).containsExactly(false);
    }
}

package dev.faultlab.detect.detectors;

import dev.faultlab.detect.tcp.FrameRef;
import dev.faultlab.detect.tcp.SynAttempt;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which kernel SYN retransmission schedule a connect followed. */
class SynScheduleTest {
    private static SynSchedule at(double... seconds) {
        List<SynAttempt> syns = new ArrayList<>();
        for (int i = 0; i < seconds.length; i++) {
            syns.add(new SynAttempt(new FrameRef(i + 1, (long) (seconds[i] * 1e9)), 1, -1));
        }
        return SynSchedule.of(syns);
    }

    @Test
    void linuxSixWithLinearTimeouts() {
        assertThat(at(0, 1, 2, 3, 4, 5, 7, 11, 19).backoff()).isEqualTo(SynSchedule.Backoff.LINEAR_THEN_EXPONENTIAL);
    }

    @Test
    void classicDoubling() {
        assertThat(at(0, 1, 3, 7, 15).backoff()).isEqualTo(SynSchedule.Backoff.EXPONENTIAL);
    }

    @Test
    void somethingElse() {
        assertThat(at(0, 0.2, 5, 5.1).backoff()).isEqualTo(SynSchedule.Backoff.IRREGULAR);
        assertThat(at(0, 1, 2, 3).describe()).isEqualTo("1.0, 1.0, 1.0 s");
    }
}

package dev.faultlab.detect.detectors;

import dev.faultlab.detect.tcp.SynAttempt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The gaps between a connect's SYN retransmissions, and which kernel schedule they follow.
 *
 * @param gaps seconds between consecutive SYNs
 */
record SynSchedule(List<Double> gaps) {
    /** Known SYN retransmission schedules, tried in order; the first whose gaps match wins. */
    enum Backoff {
        /** Measured here (kernel 6.18): SYNs at 0, 1, 2, 3, 4, 5, 7, 11, 19, 35, 69 s. */
        LINEAR_THEN_EXPONENTIAL("linear-then-exponential", "1 s apart, as a Linux 6.x client with"
                + " tcp_syn_linear_timeouts=4 retries before backing off exponentially (0, 1, 2, 3, 4, 5, 7, 11 s)",
                1, 1, 1, 1, 1, 2, 4, 8, 16, 32),
        EXPONENTIAL("exponential", "doubling each time (1, 2, 4 s...), the classic SYN backoff of older kernels"
                + " or tcp_syn_linear_timeouts=0", 1, 2, 4, 8, 16, 32, 64),
        IRREGULAR("irregular", "at irregular intervals (application retries, or a changed tcp_syn_retries)");

        final String id;
        final String meaning;
        private final double[] expected;

        Backoff(String id, String meaning, double... expected) {
            this.id = id;
            this.meaning = meaning;
            this.expected = expected;
        }

        boolean matches(List<Double> gaps) {
            if (expected.length == 0) {
                return true;
            }
            for (int i = 0; i < Math.min(gaps.size(), expected.length); i++) {
                if (Math.abs(gaps.get(i) - expected[i]) > expected[i] * TOLERANCE) {
                    return false;
                }
            }
            return !gaps.isEmpty();
        }
    }

    /** Timer slack and capture jitter allowed around each expected gap. */
    private static final double TOLERANCE = 0.25;

    static SynSchedule of(List<SynAttempt> syns) {
        List<Double> gaps = new ArrayList<>();
        for (int i = 1; i < syns.size(); i++) {
            gaps.add(syns.get(i).ref().secondsAfter(syns.get(i - 1).ref()));
        }
        return new SynSchedule(gaps);
    }

    Backoff backoff() {
        return Arrays.stream(Backoff.values()).filter(b -> b.matches(gaps)).findFirst().orElse(Backoff.IRREGULAR);
    }

    /** {@code 1.0, 1.0, 1.0 s}. */
    String describe() {
        return gaps.stream().map(g -> Texts.fixed(g, 1)).collect(Collectors.joining(", ")) + " s";
    }
}

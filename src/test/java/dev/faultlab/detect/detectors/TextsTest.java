package dev.faultlab.detect.detectors;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TextsTest {
    private static void sameAsFormatter(double value) {
        for (int places = 1; places <= 3; places++) {
            assertThat(Texts.fixed(value, places)).as("%s to %d places", value, places)
                    .isEqualTo(String.format(Locale.ROOT, "%." + places + "f", value));
        }
    }

    @Test
    void fixedRoundsAsTheFormatter() {
        // halves at every place (where half-up and the binary value disagree), and their neighbours
        for (long k = 0; k <= 200_000; k++) {
            sameAsFormatter(k / 2000.0);
            sameAsFormatter(k * 0.0005);
            sameAsFormatter(Math.nextUp(k / 20.0));
            sameAsFormatter(Math.nextDown(k / 20.0));
        }
        Random random = new Random(3);
        for (int i = 0; i < 200_000; i++) {
            sameAsFormatter(random.nextDouble() * Math.pow(10, random.nextInt(12) - 5));
            sameAsFormatter((random.nextLong() >>> 24) / 1e9); // nanoseconds to seconds, as the detectors do
            sameAsFormatter(Double.longBitsToDouble(random.nextLong()));
        }
        for (double edge : new double[] {0.0, -0.0, 0.001, Math.nextDown(0.001), 0.0005, 0.00049999, 1e7,
                Math.nextDown(1e7), -1.25, -0.04, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.MIN_VALUE, Double.MAX_VALUE}) {
            sameAsFormatter(edge);
        }
    }

    @Test
    void secondsKeepsTheirFormat() {
        assertThat(Texts.seconds(1.0005)).isEqualTo(String.format(Locale.ROOT, "%.3f s", 1.0005));
        assertThat(Texts.seconds(0)).isEqualTo("0.000 s");
    }
}

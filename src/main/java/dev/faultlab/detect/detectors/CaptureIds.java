package dev.faultlab.detect.detectors;

import java.util.HashMap;
import java.util.Map;

/**
 * A small number per capture name, for keys made of numbers ({@link AddressPairIndex}, the flights of
 * tunnel-mtu-blackhole): captures come one after the other, so the last one is answered without a lookup.
 */
final class CaptureIds {
    private final Map<String, Integer> ids = new HashMap<>();
    private String last;
    private int lastId;

    int of(String capture) {
        if (capture != last) {
            lastId = ids.computeIfAbsent(capture, c -> ids.size());
            last = capture;
        }
        return lastId;
    }
}

package dev.faultlab.detect.state;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One state directory: several hosts at one moment.
 *
 * @param directory where it was read from
 * @param label     {@code before}, {@code after}... (snapshot.json, else the directory name)
 * @param takenAt   when it was taken, or null when snapshot.json is absent
 * @param hosts     host name to its snapshot, in name order (so reports list hosts the same way every run)
 */
public record StateSnapshot(Path directory, String label, Instant takenAt, Map<String, HostSnapshot> hosts) {
    public StateSnapshot {
        hosts = Collections.unmodifiableMap(new TreeMap<>(hosts));
    }
}

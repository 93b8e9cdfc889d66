package dev.faultlab.capture.state;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What one collection wrote (the writer's receipt; the detect side reads the directory back as a
 * {@code dev.faultlab.detect.state.StateSnapshot}).
 *
 * @param dir      the state directory (holds {@code snapshot.json} and one directory per host)
 * @param label    e.g. {@code before} or {@code after}
 * @param takenAt  when collection started
 * @param files    every file written
 * @param warnings files that could not be collected and why (a missing tool, a failed command)
 */
public record CollectedSnapshot(Path dir, String label, Instant takenAt, List<Path> files, List<String> warnings) {
    public CollectedSnapshot {
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
    }
}

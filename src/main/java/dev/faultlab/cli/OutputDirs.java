package dev.faultlab.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Default output directories: {@code faultlab-out/<name>-<UTC time>/}, sortable and never reused. */
final class OutputDirs {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private OutputDirs() {
    }

    static Path timestamped(String name, Clock clock) {
        return Path.of("faultlab-out", name + "-" + STAMP.format(clock.instant()));
    }
}

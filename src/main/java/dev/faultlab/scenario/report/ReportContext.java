package dev.faultlab.scenario.report;

import dev.faultlab.detect.Finding;
import dev.faultlab.scenario.ScenarioResult;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a report is rendered from: the run's result and, when the captures hold one, the timeline of its failing
 * connection.
 *
 * @param result   the run
 * @param timeline the failing connection, if one was found
 */
record ReportContext(ScenarioResult result, Optional<Timeline> timeline) {
    /** The context of a run, with the timeline of the connection its evidence points at. */
    public static ReportContext of(ScenarioResult result) {
        ReportContext withoutTimeline = new ReportContext(result, Optional.empty());
        return new ReportContext(result, TimelineFinder.find(withoutTimeline));
    }

    public List<Finding> findings() {
        return result.diagnosis() == null ? List.of() : result.diagnosis().findings();
    }

    public List<Finding> rootCauses() {
        return findings().stream().filter(Finding::isRootCause).toList();
    }

    /** The capture file an evidence line names (by file name, as detectors cite captures). */
    public Optional<Path> capture(String source) {
        return result.captures().stream()
                .filter(c -> c.getFileName().toString().equals(source) || c.endsWith(source))
                .findFirst();
    }

    /** A path as a link relative to the report (the output directory), so the directory can be moved or zipped. */
    public String link(Path file) {
        Path out = result.outDir().toAbsolutePath().normalize();
        Path target = file.toAbsolutePath().normalize();
        return (target.startsWith(out) ? out.relativize(target) : target).toString().replace('\\', '/');
    }
}

package dev.faultlab.scenario.report;

import dev.faultlab.capture.read.CaptureFormatException;
import dev.faultlab.detect.Evidence;
import dev.faultlab.detect.Finding;
import dev.faultlab.scenario.ScenarioResult;
import dev.faultlab.scenario.ScenarioSession;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Picks the connection a report draws and builds its timeline from every capture of the run, with the moment
 * the fault was injected. The connection is the one the first frame of evidence points at (the diagnosis lists
 * root causes first); when no evidence names a frame (a clean baseline), the first connection opened in the
 * first capture, so a reader still sees what the workload did.
 */
final class TimelineFinder {
    private TimelineFinder() {
    }

    static Optional<Timeline> find(ReportContext context) {
        ScenarioResult result = context.result();
        if (result.layout() == null || result.captures().isEmpty()) {
            return Optional.empty();
        }
        HostMap hosts = HostMap.of(result.layout());
        CaptureObservations captures = new CaptureObservations(result.captures(), hosts);
        List<TimelineMarker> markers = faultMarker(result);
        try {
            for (Finding finding : context.findings()) {
                for (Evidence e : finding.evidence()) {
                    Optional<Path> capture = e.frame() >= 0 ? context.capture(e.source()) : Optional.empty();
                    Optional<Observation> seed = capture.flatMap(c -> captures.first(c, o -> o.frame() == e.frame()));
                    if (seed.isPresent()) {
                        return draw(hosts, captures, seed.get(), "the connection " + finding.cause()
                                + " points at (" + e.source() + " frame " + e.frame() + ")", markers);
                    }
                }
            }
            Path first = result.captures().get(0);
            return captures.first(first, o -> o.flags().equals("SYN"))
                    .flatMap(seed -> draw(hosts, captures, seed, "no evidence names a frame: the first connection "
                            + "opened in " + first.getFileName(), markers));
        } catch (CaptureFormatException unreadable) {
            return Optional.empty(); // the diagnosis notes unreadable captures; the rest of the report stands
        }
    }

    private static Optional<Timeline> draw(HostMap hosts, CaptureObservations captures, Observation seed,
                                           String reason, List<TimelineMarker> markers) {
        return new TimelineBuilder(hosts).build(captures.connectionOf(seed), seed.captureFile(), seed.frame(), reason,
                markers);
    }

    private static List<TimelineMarker> faultMarker(ScenarioResult result) {
        String at = result.notes().get(ScenarioSession.FAULT_INJECTED_AT);
        if (at == null || !result.faultInjected()) {
            return List.of();
        }
        try {
            return List.of(new TimelineMarker(Instant.parse(at), "fault injected: "
                    + result.scenario().setup(result.variant()).fault().name()));
        } catch (DateTimeParseException e) {
            return List.of();
        }
    }
}

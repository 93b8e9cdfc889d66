package dev.faultlab.scenario.report;

import java.time.Instant;

/** A moment a timeline marks across all lifelines, e.g. when the fault was injected. */
record TimelineMarker(Instant time, String label) {
}

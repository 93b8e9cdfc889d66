package dev.faultlab.capture.layout;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The {@code snapshot.json} of a state directory, written by the collector and the customer script and read by
 * the detect side.
 *
 * @param takenAt ISO-8601 instant the collection started
 * @param labId   the lab's id; null on a customer's node
 * @param label   e.g. {@code before}, {@code after}, {@code manual}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SnapshotInfo(String takenAt, String labId, String label) {
}

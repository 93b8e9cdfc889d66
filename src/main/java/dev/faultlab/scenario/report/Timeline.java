package dev.faultlab.scenario.report;

import java.util.List;

/**
 * A connection drawn as a sequence diagram.
 *
 * @param title     what connection it is, e.g. {@code client:40312 → 192.168.100.11:30080}
 * @param reason    why this connection was picked, e.g. the evidence frame that points at it
 * @param lifelines hosts left to right
 * @param events    packets in time order
 * @param markers   moments to mark, in time order
 * @param omitted   packets left out to keep the diagram readable
 */
public record Timeline(String title, String reason, List<String> lifelines, List<TimelineEvent> events,
                       List<TimelineMarker> markers, int omitted) {
    public Timeline {
        lifelines = List.copyOf(lifelines);
        events = List.copyOf(events);
        markers = List.copyOf(markers);
    }
}

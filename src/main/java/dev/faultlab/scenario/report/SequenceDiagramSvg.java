package dev.faultlab.scenario.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Draws a {@link Timeline} as an inline SVG sequence diagram: one lifeline per host, one arrow per packet
 * (retransmissions red, packets lost on the way ending in a cross where the captures last saw them, a dotted
 * continuation past the last capture point where nothing was captured to confirm delivery), and
 * markers such as the fault injection drawn across all lifelines. Rows are evenly spaced rather than
 * time-proportional because incident timelines mix microsecond bursts with second-long back-offs; the time
 * column on the left gives the real offsets.
 */
final class SequenceDiagramSvg {
    private static final int TIME_COLUMN = 96;
    private static final int LANE = 250;
    private static final int HEADER = 54;
    private static final int ROW = 26;
    private static final int LOST_STUB = 46;
    private static final int CROSS = 5;

    private SequenceDiagramSvg() {
    }

    public static Markup render(Timeline timeline) {
        List<Row> rows = rows(timeline);
        int width = TIME_COLUMN + LANE * Math.max(1, timeline.lifelines().size()) + 10;
        int height = HEADER + ROW * rows.size() + 24;
        Instant start = rows.isEmpty() ? Instant.EPOCH : rows.get(0).time();

        Markup svg = new Markup();
        svg.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "sequence",
                "width", String.valueOf(width), "height", String.valueOf(height),
                "viewBox", "0 0 " + width + " " + height, "role", "img",
                "aria-label", "sequence diagram of " + timeline.title());
        defs(svg);
        lifelines(svg, timeline.lifelines(), height);
        for (int i = 0; i < rows.size(); i++) {
            int y = HEADER + ROW * i + ROW / 2 + 6;
            Row row = rows.get(i);
            svg.element("text", offset(start, row.time()), "x", "6", "y", String.valueOf(y + 4), "class", "time");
            if (row.event() != null) {
                arrow(svg, timeline.lifelines(), row.event(), y);
            } else {
                marker(svg, row.marker(), y, width);
            }
        }
        return svg.close("svg");
    }

    private record Row(Instant time, TimelineEvent event, TimelineMarker marker) {
    }

    private static List<Row> rows(Timeline timeline) {
        List<Row> rows = new ArrayList<>();
        timeline.events().forEach(e -> rows.add(new Row(e.time(), e, null)));
        timeline.markers().forEach(m -> rows.add(new Row(m.time(), null, m)));
        rows.sort(Comparator.comparing(Row::time));
        return rows;
    }

    private static void defs(Markup svg) {
        svg.open("defs");
        for (String kind : List.of("ok", "retx")) {
            svg.open("marker", "id", "head-" + kind, "viewBox", "0 0 10 10", "refX", "10", "refY", "5",
                            "markerWidth", "7", "markerHeight", "7", "orient", "auto-start-reverse")
                    .empty("path", "d", "M 0 0 L 10 5 L 0 10 z", "class", "head-" + kind)
                    .close("marker");
        }
        svg.close("defs");
    }

    private static void lifelines(Markup svg, List<String> hosts, int height) {
        for (int i = 0; i < hosts.size(); i++) {
            int x = laneX(i);
            svg.empty("rect", "x", String.valueOf(x - 70), "y", "8", "width", "140", "height", "28", "rx", "6",
                    "class", "host");
            svg.element("text", hosts.get(i), "x", String.valueOf(x), "y", "27", "class", "host-name");
            svg.empty("line", "x1", String.valueOf(x), "y1", "36", "x2", String.valueOf(x),
                    "y2", String.valueOf(height - 8), "class", "lifeline");
        }
    }

    private static void arrow(Markup svg, List<String> hosts, TimelineEvent event, int y) {
        int from = laneX(hosts.indexOf(event.from()));
        int to = laneX(hosts.indexOf(event.to()));
        int direction = Integer.signum(to - from);
        if (direction == 0) {
            return;
        }
        String kind = event.retransmission() ? "retx" : "ok";
        int seen = hosts.contains(event.lastSeen()) ? laneX(hosts.indexOf(event.lastSeen())) : from;
        int end = event.lost() ? lostAt(seen, to, direction) : event.unconfirmed() ? seen : to;
        svg.open("g", "class", "packet " + kind + (event.lost() ? " lost" : event.unconfirmed() ? " unconfirmed" : ""));
        svg.element("title", event.captureFile() + " frame " + event.frame() + fate(event));
        line(svg, from, end, y, "arrow " + kind, event.delivered() ? kind : null);
        if (event.lost()) {
            cross(svg, end, y);
        } else if (event.unconfirmed()) {
            line(svg, end, to, y, "arrow beyond " + kind, kind);
        }
        int labelX = (from + (event.lost() ? end : to)) / 2;
        String label = (event.retransmission() ? "⟳ " : "") + event.label();
        svg.element("text", label, "x", String.valueOf(labelX), "y", String.valueOf(y - 5), "class", "label " + kind);
        svg.close("g");
    }

    private static String fate(TimelineEvent event) {
        if (event.lost()) {
            return " — never seen at " + event.to() + ", last seen at " + event.lastSeen();
        }
        return event.unconfirmed() ? " — last seen at " + event.lastSeen() + "; nothing captured at " + event.to() : "";
    }

    /** A horizontal line, with an arrow head of {@code head}'s kind when not null. */
    private static void line(Markup svg, int x1, int x2, int y, String cssClass, String head) {
        svg.empty("line", "x1", String.valueOf(x1), "y1", String.valueOf(y), "x2", String.valueOf(x2),
                "y2", String.valueOf(y), "class", cssClass, "marker-end", head == null ? null : "url(#head-" + head + ")");
    }

    /** An X where a lost packet was last seen. */
    private static void cross(Markup svg, int x, int y) {
        for (int slope : new int[] {-1, 1}) {
            svg.empty("line", "x1", String.valueOf(x - CROSS), "y1", String.valueOf(y - slope * CROSS),
                    "x2", String.valueOf(x + CROSS), "y2", String.valueOf(y + slope * CROSS), "class", "cross");
        }
    }

    /** Where a lost packet's arrow stops: just past the last host that saw it, never beyond its destination. */
    private static int lostAt(int lastSeen, int to, int direction) {
        int stop = lastSeen + direction * LOST_STUB;
        return direction > 0 ? Math.min(stop, to) : Math.max(stop, to);
    }

    private static void marker(Markup svg, TimelineMarker marker, int y, int width) {
        svg.open("g", "class", "marker");
        svg.empty("line", "x1", String.valueOf(TIME_COLUMN - 6), "y1", String.valueOf(y),
                "x2", String.valueOf(width - 6), "y2", String.valueOf(y), "class", "marker-line");
        svg.element("text", "⚡ " + marker.label(), "x", String.valueOf(TIME_COLUMN), "y", String.valueOf(y - 5),
                "class", "marker-label");
        svg.close("g");
    }

    private static int laneX(int index) {
        return TIME_COLUMN + LANE * index + LANE / 2;
    }

    private static String offset(Instant start, Instant time) {
        Duration d = Duration.between(start, time);
        return String.format(Locale.ROOT, "+%.3f s", d.toNanos() / 1e9);
    }
}

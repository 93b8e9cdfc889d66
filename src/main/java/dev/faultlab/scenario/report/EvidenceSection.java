package dev.faultlab.scenario.report;

import dev.faultlab.detect.Evidence;
import dev.faultlab.detect.Finding;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Every fact the findings rest on, checkable by hand, one table per finding: capture file (linked) and frame
 * number to open in Wireshark, the frame's time, the 4-tuple, and what it shows; or the host-state file and line.
 */
final class EvidenceSection implements ReportSection {
    /** Rows per finding shown at once; the rest fold away, so a long symptom list does not bury the root cause. */
    private static final int SHOWN = 6;

    @Override
    public void render(ReportContext context, Markup out) {
        if (context.findings().stream().allMatch(f -> f.evidence().isEmpty())) {
            return;
        }
        out.element("h2", "Evidence");
        for (Finding finding : context.findings()) {
            List<Evidence> evidence = finding.evidence();
            if (evidence.isEmpty()) {
                continue;
            }
            table(context, finding, evidence.subList(0, Math.min(SHOWN, evidence.size())), out);
            if (evidence.size() > SHOWN) {
                out.open("details", "class", "more")
                        .element("summary", (evidence.size() - SHOWN) + " more for " + finding.cause());
                table(context, finding, evidence.subList(SHOWN, evidence.size()), out);
                out.close("details");
            }
        }
    }

    private static void table(ReportContext context, Finding finding, List<Evidence> rows, Markup out) {
        out.open("table", "class", "evidence").open("tr");
        for (String column : new String[] {"finding", "source", "frame", "time", "flow", "what it shows"}) {
            out.element("th", column);
        }
        out.close("tr");
        for (Evidence e : rows) {
            out.open("tr").open("td").element("span", finding.cause(), "class", "cause").close("td");
            source(context, e, out);
            out.element("td", e.frame() >= 0 ? String.valueOf(e.frame()) : "", "class", "num")
                    .element("td", clock(e.time()), "class", "mono")
                    .element("td", e.flow() == null ? "" : e.flow(), "class", "mono")
                    .element("td", e.detail())
                    .close("tr");
        }
        out.close("table");
    }

    private static void source(ReportContext context, Evidence e, Markup out) {
        Optional<Path> capture = e.frame() >= 0 ? context.capture(e.source()) : Optional.empty();
        out.open("td", "class", "mono");
        if (capture.isPresent()) {
            out.element("a", e.source(), "href", context.link(capture.get()));
        } else {
            out.text(e.source());
        }
        out.close("td");
    }

    /** The time of day of an ISO-8601 instant ({@code 00:10:00.123456}); the date is the run's. */
    private static String clock(String isoTime) {
        if (isoTime == null) {
            return "";
        }
        int t = isoTime.indexOf('T');
        String time = t < 0 ? isoTime : isoTime.substring(t + 1);
        return time.endsWith("Z") ? time.substring(0, time.length() - 1) : time;
    }
}

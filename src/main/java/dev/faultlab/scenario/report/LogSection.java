package dev.faultlab.scenario.report;

import dev.faultlab.scenario.ScenarioResult;

import java.util.List;
import java.util.Map;

/** What the workload saw (the run's notes) and the full progress log, folded away. */
final class LogSection implements ReportSection {
    @Override
    public void render(ReportContext context, Markup out) {
        ScenarioResult r = context.result();
        Map<String, String> layoutNotes = r.layout() == null ? Map.of() : r.layout().notes();
        List<Map.Entry<String, String>> notes = r.notes().entrySet().stream()
                .filter(n -> !layoutNotes.containsKey(n.getKey())) // already shown with the layout
                .toList();
        if (!notes.isEmpty()) {
            out.element("h2", "Run notes");
            out.open("table", "class", "attrs");
            for (Map.Entry<String, String> note : notes) {
                out.open("tr").element("td", note.getKey(), "class", "mono").element("td", note.getValue())
                        .close("tr");
            }
            out.close("table");
        }
        out.open("details").element("summary", "Run log (" + r.log().size() + " lines)")
                .element("pre", String.join("\n", r.log())).close("details");
    }
}

package dev.faultlab.scenario.report;

import dev.faultlab.scenario.ScenarioResult;

import java.nio.file.Path;
import java.util.Map;

/** Links to everything the run wrote, relative to the report so the directory can be moved or archived. */
final class FilesSection implements ReportSection {
    @Override
    public void render(ReportContext context, Markup out) {
        ScenarioResult r = context.result();
        out.element("h2", "Files");
        out.open("ul", "class", "files");
        for (Path capture : r.captures()) {
            link(context, out, capture, "capture (open with Wireshark)");
        }
        for (Map.Entry<String, Path> state : r.stateDirs().entrySet()) {
            link(context, out, state.getValue(), "host state, " + state.getKey());
        }
        link(context, out, r.outDir().resolve(ReportWriter.JSON), "this report as JSON");
        out.close("ul");
    }

    private static void link(ReportContext context, Markup out, Path file, String what) {
        String href = context.link(file);
        out.open("li").element("a", href, "href", href).text(" — " + what).close("li");
    }
}

package dev.faultlab.scenario.report;

import dev.faultlab.detect.Finding;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Each finding as a card: what, why, and what to do. */
final class FindingsSection implements ReportSection {
    @Override
    public void render(ReportContext context, Markup out) {
        out.element("h2", "Findings");
        List<Finding> findings = context.findings(); // the diagnosis orders them: root causes, most confident first
        if (findings.isEmpty()) {
            out.element("p", context.result().diagnosis() == null
                    ? "The run ended before the diagnosis; see the log below."
                    : "The detectors found nothing wrong in the captures and host state.", "class", "note");
            return;
        }
        findings.forEach(f -> card(f, out));
    }

    private static void card(Finding f, Markup out) {
        boolean root = f.isRootCause();
        out.open("div", "class", "card " + (root ? "root" : "symptom"));
        out.open("h3").element("span", f.cause(), "class", "cause").text(f.summary()).close("h3");
        out.element("div", f.tier().id().replace('-', ' ') + String.format(Locale.ROOT, " · confidence %.0f%%",
                f.confidence() * 100), "class", "confidence");
        out.element("p", f.explanation());
        if (!f.lookAlikes().isEmpty()) {
            out.open("ul", "class", "lookalikes");
            f.lookAlikes().forEach(c -> out.element("li", c.describe(), "class", c.excluded() ? "excluded" : "open"));
            out.close("ul");
        }
        if (f.confirmWith() != null) {
            out.open("p", "class", "confirm").element("b", "To confirm: ").text(f.confirmWith()).close("p");
        }
        out.open("p", "class", "remedy").element("b", "Fix: ").text(f.remediation()).close("p");
        if (!f.attributes().isEmpty()) {
            out.open("table", "class", "attrs");
            f.attributes().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(a -> out.open("tr")
                    .element("td", a.getKey()).element("td", a.getValue(), "class", "mono").close("tr"));
            out.close("table");
        }
        out.close("div");
    }
}

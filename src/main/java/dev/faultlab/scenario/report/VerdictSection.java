package dev.faultlab.scenario.report;

import dev.faultlab.detect.Finding;
import dev.faultlab.scenario.ScenarioResult;

import java.util.Locale;
import java.util.stream.Collectors;

/** The top of the report: pass or fail in one glance, expected against found cause, and the run's key facts. */
final class VerdictSection implements ReportSection {
    @Override
    public void render(ReportContext context, Markup out) {
        ScenarioResult r = context.result();
        out.element("h1", "faultlab · " + r.scenario().name());
        out.element("p", r.scenario().title() + " — " + r.scenario().incident(), "class", "subtitle");
        out.open("div", "class", "verdict " + (r.passed() ? "pass" : "fail"))
                .element("div", r.passed() ? "PASS" : "FAIL", "class", "badge")
                .element("div", r.verdict(), "class", "line")
                .close("div");
        String found = context.rootCauses().stream().map(Finding::cause).distinct()
                .collect(Collectors.joining(", "));
        boolean asExpected = r.expectedCause() == null ? found.isEmpty()
                : context.rootCauses().stream().anyMatch(f -> f.cause().equals(r.expectedCause()));
        out.open("div", "class", "facts");
        fact(out, "expected cause", r.expectedCause() == null ? "none" : r.expectedCause(), null);
        fact(out, "found root cause", found.isEmpty() ? "none" : found, asExpected ? "ok" : "bad");
        fact(out, "variant", r.variant(), null);
        fact(out, "fault", r.faultInjected() ? r.scenario().setup(r.variant()).fault().name() : "not injected (baseline)",
                null);
        fact(out, "backend", r.layout() == null ? "lab never started" : r.layout().backend()
                + " · " + r.layout().datapath().id(), null);
        fact(out, "run time", String.format(Locale.ROOT, "%.1f s", r.elapsed().toMillis() / 1000.0), null);
        if (r.diagnosis() != null) {
            fact(out, "packets analysed", r.diagnosis().packets()
                    + (r.diagnosis().badFrames() > 0 ? " (" + r.diagnosis().badFrames() + " unreadable)" : ""), null);
        }
        out.close("div");
    }

    private static void fact(Markup out, String key, String value, String tone) {
        out.open("div", "class", "fact").element("div", key, "class", "k")
                .element("div", value, "class", tone == null ? "v" : "v " + tone).close("div");
    }
}

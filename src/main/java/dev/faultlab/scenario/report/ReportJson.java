package dev.faultlab.scenario.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultlab.scenario.ScenarioResult;

/**
 * report.json: the run (scenario, variant, verdict, timing, files relative to the report, lab layout, notes,
 * log) and the diagnosis with its findings in the detectors' own JSON shape. Built as an explicit tree so paths
 * and durations have one stable, documented form.
 */
final class ReportJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportJson() {
    }

    static String render(ReportContext context) {
        ScenarioResult r = context.result();
        ObjectNode root = JSON.createObjectNode();
        ObjectNode scenario = root.putObject("scenario");
        scenario.put("name", r.scenario().name());
        scenario.put("title", r.scenario().title());
        scenario.put("incident", r.scenario().incident());
        scenario.put("source", r.scenario().source() == null ? null : r.scenario().source().toString());
        root.put("variant", r.variant());
        root.put("faultInjected", r.faultInjected());
        root.put("expectedCause", r.expectedCause());
        root.put("passed", r.passed());
        root.put("verdict", r.verdict());
        root.put("elapsedSeconds", r.elapsed().toMillis() / 1000.0);
        root.put("outDir", r.outDir().toAbsolutePath().normalize().toString());
        r.captures().forEach(c -> root.withArray("captures").add(context.link(c)));
        ObjectNode states = root.putObject("stateDirs");
        r.stateDirs().forEach((label, dir) -> states.put(label, context.link(dir)));
        root.set("layout", r.layout() == null ? null : JSON.valueToTree(r.layout()));
        root.set("notes", JSON.valueToTree(r.notes()));
        root.set("log", JSON.valueToTree(r.log()));
        try {
            root.set("diagnosis", r.diagnosis() == null ? null : JSON.readTree(r.diagnosis().toJson()));
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report.json could not be written: " + e.getOriginalMessage(), e);
        }
    }
}

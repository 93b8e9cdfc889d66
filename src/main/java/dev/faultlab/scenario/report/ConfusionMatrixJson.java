package dev.faultlab.scenario.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A {@link ConfusionMatrix} as JSON for CI: the verdict, the columns, and per run its expectation, what it found,
 * its cells, time and report. Built as an explicit tree so the schema does not drift with record changes.
 */
public final class ConfusionMatrixJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfusionMatrixJson() {
    }

    public static ObjectNode toJson(ConfusionMatrix matrix) {
        ObjectNode root = JSON.createObjectNode();
        root.put("passed", matrix.passed());
        ArrayNode columns = root.putArray("columns");
        matrix.causeColumns().forEach(columns::add);
        ArrayNode symptoms = root.putArray("symptomColumns");
        matrix.symptomColumns().forEach(symptoms::add);
        ArrayNode rows = root.putArray("runs");
        for (MatrixOutcome o : matrix.outcomes()) {
            ObjectNode row = rows.addObject();
            row.put("scenario", o.scenario());
            row.put("variant", o.variant());
            row.put("run", o.run());
            row.put("expectedCause", o.expectedCause());
            row.set("rootCauses", JSON.valueToTree(o.rootCauses()));
            row.set("symptoms", JSON.valueToTree(o.symptoms()));
            ObjectNode cells = row.putObject("cells");
            matrix.columns().forEach(c -> cells.put(c, matrix.cell(o, c)));
            row.put("passed", o.passed());
            row.put("elapsedSeconds", o.elapsed().toMillis() / 1000.0);
            row.put("report", o.report());
            row.put("error", o.error());
        }
        return root;
    }

    public static String render(ConfusionMatrix matrix) {
        return toJson(matrix).toPrettyString();
    }
}

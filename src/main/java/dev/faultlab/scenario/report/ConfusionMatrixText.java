package dev.faultlab.scenario.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints a {@link ConfusionMatrix} as an aligned plain-text table for terminals and CI logs. */
public final class ConfusionMatrixText {
    private ConfusionMatrixText() {
    }

    public static String render(ConfusionMatrix matrix) {
        List<String> header = new ArrayList<>(List.of("scenario", "run"));
        header.addAll(matrix.causeColumns());
        matrix.symptomColumns().forEach(s -> header.add(s + "*"));
        header.addAll(List.of("time", "verdict"));
        List<List<String>> rows = new ArrayList<>();
        rows.add(header);
        for (MatrixOutcome o : matrix.outcomes()) {
            List<String> row = new ArrayList<>(List.of(o.row(), o.run()));
            matrix.columns().forEach(c -> row.add(matrix.cell(o, c)));
            row.add(String.format(Locale.ROOT, "%.1fs", o.elapsed().toMillis() / 1000.0));
            row.add(o.passed() ? "pass" : "FAIL" + (o.error() == null ? "" : ": " + o.error()));
            rows.add(row);
        }
        StringBuilder out = new StringBuilder(TextTable.render(rows));
        out.append(ConfusionMatrix.CAUGHT).append(" expected and found   ").append(ConfusionMatrix.MISSED)
                .append(" expected, not found   N = findings of an unexpected cause   * symptom, never fails a run\n");
        long failed = matrix.outcomes().stream().filter(o -> !o.passed()).count();
        out.append(matrix.passed() ? "matrix PASSED" : "matrix FAILED").append(": ")
                .append(matrix.outcomes().size() - failed).append('/').append(matrix.outcomes().size())
                .append(" runs as expected\n");
        return out.toString();
    }
}

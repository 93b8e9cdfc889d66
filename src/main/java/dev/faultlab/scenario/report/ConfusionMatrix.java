package dev.faultlab.scenario.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The fault matrix's verdict: one row per scenario[/variant] × fault|no-fault, one column per cause id (root
 * causes expected or found, then symptoms), plus a {@value #NONE} column for runs that must stay clean. It
 * passes when every fault run named exactly its expected cause and every baseline named none.
 *
 * @param outcomes the runs, in the order they ran
 */
public record ConfusionMatrix(List<MatrixOutcome> outcomes) {
    /** Column of runs expected to name no root cause. */
    public static final String NONE = "(none)";
    public static final String CAUGHT = "✓";
    public static final String MISSED = "✗";

    public ConfusionMatrix {
        outcomes = List.copyOf(outcomes);
    }

    public boolean passed() {
        return !outcomes.isEmpty() && outcomes.stream().allMatch(MatrixOutcome::passed);
    }

    /** Root-cause columns (sorted), then {@value #NONE}. */
    public List<String> causeColumns() {
        TreeSet<String> causes = new TreeSet<>();
        outcomes.forEach(o -> {
            if (o.expectedCause() != null) {
                causes.add(o.expectedCause());
            }
            causes.addAll(o.rootCauses().keySet());
        });
        List<String> columns = new ArrayList<>(causes);
        columns.add(NONE);
        return columns;
    }

    /** Symptom columns (sorted): shown for context, never failing a run. */
    public List<String> symptomColumns() {
        return outcomes.stream().flatMap(o -> o.symptoms().keySet().stream()).distinct().sorted().toList();
    }

    /**
     * The cell of a run in a column: {@value #CAUGHT} where the expected cause (or none) was found, {@value #MISSED}
     * where it was not, the number of findings where a cause fired that was not expected (a false alarm) or a
     * symptom was seen, empty otherwise.
     */
    public String cell(MatrixOutcome outcome, String column) {
        if (column.equals(NONE)) {
            return outcome.expectedCause() != null ? "" : outcome.rootCauses().isEmpty() ? CAUGHT : MISSED;
        }
        if (column.equals(outcome.expectedCause())) {
            return outcome.rootCauses().containsKey(column) ? CAUGHT : MISSED;
        }
        Integer count = Objects.requireNonNullElse(outcome.rootCauses().get(column),
                outcome.symptoms().getOrDefault(column, 0));
        return count == 0 ? "" : String.valueOf(count);
    }

    /** All columns in display order. */
    public List<String> columns() {
        return Stream.concat(causeColumns().stream(), symptomColumns().stream()).toList();
    }
}

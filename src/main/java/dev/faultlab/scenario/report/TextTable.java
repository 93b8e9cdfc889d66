package dev.faultlab.scenario.report;

import java.util.List;

/** Aligns rows of cells into columns for terminals (counting code points, so ✓ and ✗ take one column). */
public final class TextTable {
    private TextTable() {
    }

    /** The rows, first one usually a header, columns two spaces apart; the last column is not padded. */
    public static String render(List<List<String>> rows) {
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], width(row.get(i)));
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                out.append(cell);
                if (i < row.size() - 1) {
                    out.append(" ".repeat(widths[i] - width(cell) + 2));
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static int width(String cell) {
        return cell.codePointCount(0, cell.length());
    }
}

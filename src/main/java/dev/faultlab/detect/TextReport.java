package dev.faultlab.detect;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders a {@link DiagnosisReport} for a terminal: each finding's cause first, then its evidence, then what to
 * do; root causes before the symptom.
 */
public final class TextReport {
    private static final int WIDTH = 100;

    private TextReport() {
    }

    public static String render(DiagnosisReport report) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Read %d packets from %d capture(s), %d TCP conversations, %d state"
                        + " director%s; %d bad and %d truncated frames.%n", report.packets(), report.captures().size(),
                report.conversations(), report.stateDirs().size(), report.stateDirs().size() == 1 ? "y" : "ies",
                report.badFrames(), report.truncatedFrames()));
        report.notes().forEach(n -> out.append("note: ").append(n).append(System.lineSeparator()));
        if (report.findings().isEmpty()) {
            return out.append(System.lineSeparator()).append("No problem found: no detector matched.")
                    .append(System.lineSeparator()).toString();
        }
        if (report.rootCauses().isEmpty()) {
            out.append(System.lineSeparator()).append("No root cause proven; the suspects and symptoms below list the candidates.")
                    .append(System.lineSeparator());
        }
        report.findings().forEach(f -> finding(out, f));
        return out.toString();
    }

    private static void finding(StringBuilder out, Finding f) {
        String nl = System.lineSeparator();
        out.append(nl).append(f.tier().id().toUpperCase(Locale.ROOT).replace('-', ' ')).append(' ').append(f.cause())
                .append(String.format(Locale.ROOT, "  (confidence %.2f)", f.confidence())).append(nl);
        out.append(wrap(f.summary(), "  ")).append(nl);
        out.append(wrap("Why: " + f.explanation(), "  ")).append(nl);
        out.append("  Evidence:").append(nl);
        f.evidence().forEach(e -> out.append(wrap("- " + e.describe(), "    ")).append(nl));
        if (!f.lookAlikes().isEmpty()) {
            out.append("  Look-alikes:").append(nl);
            f.lookAlikes().forEach(c -> out.append(wrap("- " + c.describe(), "    ")).append(nl));
        }
        if (f.confirmWith() != null) {
            out.append(wrap("To confirm: " + f.confirmWith(), "  ")).append(nl);
        }
        out.append(wrap("What to do: " + f.remediation(), "  ")).append(nl);
        if (!f.attributes().isEmpty()) {
            out.append(wrap("Attributes: " + attributes(f.attributes()), "  ")).append(nl);
        }
    }

    private static String attributes(Map<String, String> attributes) {
        return attributes.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    /** Word-wraps {@code text} to the report width, every line starting with {@code indent}. */
    static String wrap(String text, String indent) {
        StringBuilder out = new StringBuilder(indent);
        int column = indent.length();
        for (String word : text.split(" ")) {
            if (column > indent.length() && column + 1 + word.length() > WIDTH) {
                out.append(System.lineSeparator()).append(indent).append("  ");
                column = indent.length() + 2;
            } else if (column > indent.length()) {
                out.append(' ');
                column++;
            }
            out.append(word);
            column += word.length();
        }
        return out.toString();
    }
}

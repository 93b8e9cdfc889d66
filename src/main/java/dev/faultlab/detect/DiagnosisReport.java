package dev.faultlab.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * The result of {@link Diagnosis#analyze}: findings (root causes first, most confident first, then the
 * symptom) and what was read.
 *
 * @param findings        what the detectors concluded
 * @param packets         packets decoded from all captures
 * @param badFrames       frames skipped because they could not be read or decoded
 * @param truncatedFrames packets cut short by the capture's snaplen or damage (decoded as far as possible)
 * @param conversations   TCP conversations reconstructed
 * @param captures        the captures read
 * @param stateDirs       the state directories read
 * @param notes           problems worth knowing (unparsable state files, ...)
 */
public record DiagnosisReport(List<Finding> findings, long packets, long badFrames, long truncatedFrames,
                              long conversations, List<String> captures, List<String> stateDirs,
                              List<String> notes) {
    public DiagnosisReport {
        findings = List.copyOf(findings);
        captures = List.copyOf(captures);
        stateDirs = List.copyOf(stateDirs);
        notes = List.copyOf(notes);
    }

    /** This report with one more note (how it was asked for, say: a caller that left detectors out). */
    public DiagnosisReport withNote(String note) {
        List<String> more = new ArrayList<>(notes);
        more.add(note);
        return new DiagnosisReport(findings, packets, badFrames, truncatedFrames, conversations, captures, stateDirs,
                more);
    }

    public List<Finding> rootCauses() {
        return findings.stream().filter(Finding::isRootCause).toList();
    }

    /** The most confident root cause's id, or null when none was found. */
    public String topCause() {
        return rootCauses().isEmpty() ? null : rootCauses().get(0).cause();
    }

    /** The report as indented JSON ({@code diagnose --json}; README "Diagnosing captures"). */
    public String toJson() {
        return DiagnosisJson.write(this);
    }
}

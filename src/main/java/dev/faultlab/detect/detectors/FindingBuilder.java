package dev.faultlab.detect.detectors;

import dev.faultlab.detect.Evidence;
import dev.faultlab.detect.Finding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles a {@link Finding}: confidence starts from what the packets show and rises with each confirmation,
 * evidence is capped so a huge capture yields a readable report.
 */
final class FindingBuilder {
    static final int EVIDENCE_KEPT = 24;
    /** Packets and state can agree completely and still be misread: no finding claims certainty. */
    private static final double MAX_CONFIDENCE = 0.98;

    private final String cause;
    private String summary = "";
    private String explanation = "";
    private String remediation = "";
    private double confidence;
    private final List<Evidence> evidence = new ArrayList<>();
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private int evidenceLeftOut;

    FindingBuilder(String cause) {
        this.cause = cause;
    }

    FindingBuilder summary(String text) {
        summary = text;
        return this;
    }

    FindingBuilder explanation(String text) {
        explanation = text;
        return this;
    }

    FindingBuilder remediation(String text) {
        remediation = text;
        return this;
    }

    FindingBuilder confidence(double value) {
        confidence = value;
        return this;
    }

    /** Raises confidence by {@code step} (a confirmation from another source). */
    FindingBuilder confirm(double step) {
        confidence += step;
        return this;
    }

    double confidence() {
        return confidence;
    }

    FindingBuilder evidence(Evidence item) {
        if (evidence.size() < EVIDENCE_KEPT) {
            evidence.add(item);
        } else {
            evidenceLeftOut++;
        }
        return this;
    }

    FindingBuilder attribute(String key, Object value) {
        if (value != null) {
            attributes.put(key, String.valueOf(value));
        }
        return this;
    }

    boolean hasEvidence() {
        return !evidence.isEmpty();
    }

    Finding build() {
        if (evidenceLeftOut > 0) {
            attributes.put("evidenceLeftOut", String.valueOf(evidenceLeftOut));
        }
        return new Finding(cause, summary, explanation, remediation, Math.min(confidence, MAX_CONFIDENCE), evidence,
                attributes);
    }
}

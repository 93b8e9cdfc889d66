package dev.faultlab.detect.detectors;

import dev.faultlab.detect.Evidence;
import dev.faultlab.detect.Finding;
import dev.faultlab.detect.LookAlike;
import dev.faultlab.detect.LookAlikeCheck;
import dev.faultlab.detect.Tier;

import java.util.ArrayList;
import java.util.EnumMap;
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
    private boolean symptom;
    private final Map<LookAlike, LookAlikeCheck> lookAlikes = new EnumMap<>(LookAlike.class);
    private String confirmWith;

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

    /** This finding is a symptom (candidate causes, no cause): never a root cause nor a suspect. */
    FindingBuilder symptom() {
        symptom = true;
        return this;
    }

    /**
     * Declares the look-alikes this cause must exclude; each one not later {@link #exclude excluded} stays
     * open, which makes the finding a suspect.
     */
    FindingBuilder lookAlikes(LookAlike... considered) {
        for (LookAlike l : considered) {
            lookAlikes.putIfAbsent(l, LookAlikeCheck.open(l, "no evidence examined rules it out"));
        }
        return this;
    }

    /** Rules {@code lookAlike} out by {@code fact}. */
    FindingBuilder exclude(LookAlike lookAlike, String fact) {
        lookAlikes.put(lookAlike, LookAlikeCheck.excluded(lookAlike, fact));
        return this;
    }

    /** Leaves {@code lookAlike} open, saying why it could not be excluded. */
    FindingBuilder open(LookAlike lookAlike, String why) {
        lookAlikes.put(lookAlike, LookAlikeCheck.open(lookAlike, why));
        return this;
    }

    /** The host-state file or collector command that would confirm or refute this finding. */
    FindingBuilder confirmWith(String what) {
        confirmWith = what;
        return this;
    }

    boolean hasEvidence() {
        return !evidence.isEmpty();
    }

    Finding build() {
        if (evidenceLeftOut > 0) {
            attributes.put("evidenceLeftOut", String.valueOf(evidenceLeftOut));
        }
        List<LookAlikeCheck> checks = List.copyOf(lookAlikes.values());
        Tier tier = symptom ? Tier.SYMPTOM
                : checks.stream().allMatch(LookAlikeCheck::excluded) ? Tier.ROOT_CAUSE : Tier.SUSPECT;
        return new Finding(cause, tier, summary, explanation, remediation, Math.min(confidence, MAX_CONFIDENCE),
                evidence, attributes, checks, confirmWith);
    }
}

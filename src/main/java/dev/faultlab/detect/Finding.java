package dev.faultlab.detect;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a detector concluded.
 *
 * @param cause       stable id (see {@link Causes})
 * @param tier        root cause, suspect or symptom; a root cause has every look-alike excluded
 * @param summary     one line: what is wrong and where
 * @param explanation one paragraph for the on-call engineer: what happened and how the evidence shows it
 * @param remediation what to do about it
 * @param confidence  0..1; rises when host state confirms what the packets show
 * @param evidence    frames and state lines to check
 * @param attributes  machine-readable details (node, podCidr, device, mtu, staleMac, port, source...)
 * @param lookAlikes  the look-alikes of the cause that were considered, each excluded by a fact or still open
 * @param confirmWith the host-state file or collector command that would confirm or refute the finding, or null
 */
public record Finding(String cause, Tier tier, String summary, String explanation, String remediation,
                      double confidence, List<Evidence> evidence, Map<String, String> attributes,
                      List<LookAlikeCheck> lookAlikes, String confirmWith) {
    public Finding {
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(tier, "tier");
        evidence = List.copyOf(evidence);
        attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
        lookAlikes = List.copyOf(lookAlikes);
        confidence = Math.max(0, Math.min(1, confidence));
        // The rule the whole diagnosis rests on, enforced where every finding is made: no root cause while a
        // look-alike is still open.
        if (tier == Tier.ROOT_CAUSE && lookAlikes.stream().anyMatch(c -> !c.excluded())) {
            throw new IllegalArgumentException(cause + ": a root cause needs every look-alike excluded, open: "
                    + lookAlikes.stream().filter(c -> !c.excluded()).map(c -> c.lookAlike().id()).toList());
        }
    }

    /** A finding without look-alike checks (tests, and the symptom). */
    public Finding(String cause, Tier tier, String summary, String explanation, String remediation,
                   double confidence, List<Evidence> evidence, Map<String, String> attributes) {
        this(cause, tier, summary, explanation, remediation, confidence, evidence, attributes, List.of(), null);
    }

    public boolean isRootCause() {
        return tier == Tier.ROOT_CAUSE;
    }

    /** The look-alikes still open: what keeps a suspect from being a root cause. */
    public List<LookAlikeCheck> openLookAlikes() {
        return lookAlikes.stream().filter(c -> !c.excluded()).toList();
    }
}

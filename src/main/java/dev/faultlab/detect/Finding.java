package dev.faultlab.detect;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a detector concluded.
 *
 * @param cause       stable id (see {@link Causes}); anything but {@code syn-unanswered} names a root cause
 * @param summary     one line: what is wrong and where
 * @param explanation one paragraph for the on-call engineer: what happened and how the evidence shows it
 * @param remediation what to do about it
 * @param confidence  0..1; rises when host state confirms what the packets show
 * @param evidence    frames and state lines to check
 * @param attributes  machine-readable details (node, podCidr, device, mtu, staleMac, port, source...)
 */
public record Finding(String cause, String summary, String explanation, String remediation, double confidence,
                      List<Evidence> evidence, Map<String, String> attributes) {
    public Finding {
        evidence = List.copyOf(evidence);
        attributes = java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
        confidence = Math.max(0, Math.min(1, confidence));
    }

    public boolean isRootCause() {
        return !Causes.SYN_UNANSWERED.equals(cause);
    }
}

package dev.faultlab.scenario;

import dev.faultlab.detect.Diagnosis;
import dev.faultlab.detect.Finding;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The root cause a scenario's diagnosis must name, and attributes the finding must carry (e.g. the node and
 * its pod CIDR). Comma-separated values compare as sets, so {@code node-3,node-4} matches {@code node-4, node-3}.
 *
 * @param cause      a detector cause id, e.g. {@code route-missing}
 * @param attributes attribute name to expected value
 */
public record Expectation(String cause, Map<String, String> attributes) {
    public Expectation {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /**
     * This expectation with {@code ${fault.<key>}} placeholders in attribute values replaced by what the fault
     * reported (e.g. the MAC a device had before it was recreated); unknown placeholders stay as they are.
     */
    public Expectation resolve(Map<String, String> faultFacts) {
        Map<String, String> resolved = new TreeMap<>();
        attributes.forEach((key, value) -> {
            String v = value;
            for (Map.Entry<String, String> fact : faultFacts.entrySet()) {
                v = v.replace("${fault." + fact.getKey() + "}", fact.getValue());
            }
            resolved.put(key, v);
        });
        return new Expectation(cause, resolved);
    }

    /**
     * Refuses a cause no installed detector reports, or an attribute its detector does not set, with one line
     * naming the known ones; a scenario checks this when it loads, not after a lab ran.
     */
    public void checkKnown() {
        Set<String> known = new TreeSet<>(Diagnosis.detectorOf(cause).attributes());
        if (known.isEmpty()) {
            return;
        }
        for (String name : new TreeSet<>(attributes.keySet())) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("'" + name + "' is not an attribute of cause " + cause + "; known: "
                        + String.join(", ", known));
            }
        }
    }

    public boolean matches(Finding finding) {
        return finding.cause().equals(cause) && attributes.entrySet().stream()
                .allMatch(e -> sameValue(e.getValue(), finding.attributes().get(e.getKey())));
    }

    private static boolean sameValue(String expected, String actual) {
        return actual != null && items(expected).equals(items(actual));
    }

    private static Set<String> items(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    @Override
    public String toString() {
        return attributes.isEmpty() ? cause : cause + " " + new TreeMap<>(attributes);
    }
}

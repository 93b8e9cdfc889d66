package dev.faultlab.scenario;

import dev.faultlab.detect.Finding;

import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Whether a run passed, and one line saying why. With an expectation, the run passes only when a finding names
 * the expected cause with the expected attributes AND no other root cause was found (a detector that fires on
 * everything must not pass). Without one, it passes only when no root cause was found at all.
 *
 * @param passed whether it passed
 * @param line   why, e.g. {@code PASS: route-missing {node=node-3} named, no other root cause}
 */
public record Verdict(boolean passed, String line) {
    public static Verdict judge(Expectation expected, List<Finding> findings) {
        List<Finding> rootCauses = findings.stream().filter(Finding::isRootCause).toList();
        if (expected == null) {
            return rootCauses.isEmpty()
                    ? new Verdict(true, "PASS: no root cause named, as expected" + seen(findings))
                    : new Verdict(false, "FAIL: expected no root cause, but the diagnosis named " + describe(rootCauses));
        }
        List<Finding> others = rootCauses.stream().filter(f -> !f.cause().equals(expected.cause())).toList();
        boolean named = findings.stream().anyMatch(expected::matches);
        if (named && others.isEmpty()) {
            return new Verdict(true, "PASS: " + expected + " named, no other root cause");
        }
        if (named) {
            return new Verdict(false, "FAIL: " + expected + " named, but also " + describe(others));
        }
        List<Finding> sameCause = rootCauses.stream().filter(f -> f.cause().equals(expected.cause())).toList();
        if (!sameCause.isEmpty()) {
            return new Verdict(false, "FAIL: expected " + expected + ", but the diagnosis named " + describe(sameCause));
        }
        return new Verdict(false, "FAIL: expected " + expected + ", but the diagnosis named "
                + (rootCauses.isEmpty() ? "no root cause" + seen(findings) : describe(rootCauses)));
    }

    /** This verdict, failed with {@code reason} appended when {@code ok} is false. */
    public Verdict and(boolean ok, String reason) {
        return ok ? this : new Verdict(false, (passed ? "FAIL: " + line.substring("PASS: ".length()) : line)
                + "; " + reason);
    }

    private static String seen(List<Finding> findings) {
        return findings.isEmpty() ? "" : " (symptoms: " + describe(findings) + ")";
    }

    private static String describe(List<Finding> findings) {
        return findings.stream()
                .map(f -> f.attributes().isEmpty() ? f.cause() : f.cause() + " " + new TreeMap<>(f.attributes()))
                .distinct().collect(Collectors.joining(", "));
    }
}

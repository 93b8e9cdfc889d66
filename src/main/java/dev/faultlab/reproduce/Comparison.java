package dev.faultlab.reproduce;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The customer's failure beside the lab's: a row per fact, and the differences that decide the verdict. Compared
 * are the cause, the attributes the regenerated scenario expects, the counters the customer's finding quotes as
 * risen (the lab's must rise too, except those that rise or not with the clients' arrival timing), a clean
 * baseline and, with {@code --verify-fix}, the heal. The retransmission schedule and the failed peers are shown,
 * not compared: timing and names differ between any two networks.
 *
 * @param rows        customer and lab side by side
 * @param differences one line per difference; empty means reproduced
 */
public record Comparison(List<Row> rows, List<String> differences) {
    /** One line of the side-by-side table; {@code compared} rows count for the verdict. */
    public record Row(String what, String customer, String lab, boolean compared, boolean same) {
    }

    public Comparison {
        rows = List.copyOf(rows);
        differences = List.copyOf(differences);
    }

    public boolean reproduced() {
        return differences.isEmpty();
    }

    /** {@code reproduced} or {@code differs: a; b}. */
    public String verdict() {
        return reproduced() ? "reproduced" : "differs: " + String.join("; ", differences);
    }

    /**
     * @param customer      the customer's signature, its values already read as the lab spells them
     * @param lab           the lab's signature with the fault (the finding of the same cause, else the top root cause)
     * @param comparedKeys  attributes that must agree
     * @param timingCounters counters shown but not required ({@link CauseParameters#arrivalTimingCounters()})
     * @param baselineCauses root causes the lab named without the fault
     * @param healed        whether clients succeeded after the heal, or null when not asked
     */
    public static Comparison of(Signature customer, Signature lab, Set<String> comparedKeys,
                                Set<String> timingCounters, Set<String> baselineCauses, Boolean healed) {
        List<Row> rows = new ArrayList<>();
        List<String> differences = new ArrayList<>();
        boolean sameCause = Objects.equals(customer.cause(), lab.cause());
        rows.add(new Row("root cause", customer.cause(), orNone(lab.cause()), true, sameCause));
        if (!sameCause) {
            differences.add("the lab names " + orNone(lab.cause()) + ", not " + customer.cause());
        }
        Set<String> keys = new TreeSet<>(customer.attributes().keySet());
        keys.addAll(lab.attributes().keySet());
        for (String key : keys) {
            String theirs = customer.attributes().get(key);
            String ours = lab.attributes().get(key);
            boolean compared = comparedKeys.contains(key);
            boolean same = Objects.equals(theirs, ours);
            rows.add(new Row("  " + key, dash(theirs), dash(ours), compared, same));
            if (compared && !same && sameCause) {
                differences.add(key + " is " + dash(ours) + " in the lab, " + dash(theirs) + " at the customer");
            }
        }
        rows.add(new Row("retransmissions after", dash(customer.retransmission()), dash(lab.retransmission()),
                false, customer.retransmission().equals(lab.retransmission())));
        Set<String> missing = new TreeSet<>(customer.countersRose());
        missing.removeAll(lab.countersRose());
        Set<String> missingWithTiming = new TreeSet<>(missing);
        missingWithTiming.retainAll(timingCounters);
        missing.removeAll(timingCounters);
        rows.add(new Row("counters that rose", join(customer.countersRose()), join(lab.countersRose()), true,
                missing.isEmpty()));
        if (!missingWithTiming.isEmpty()) {
            rows.add(new Row("  rise with arrival timing", join(missingWithTiming), "-", false, false));
        }
        if (!missing.isEmpty()) {
            differences.add("counters rose at the customer but not in the lab: " + String.join(", ", missing));
        }
        rows.add(new Row("failed peers", join(customer.failedPeers()), join(lab.failedPeers()), false,
                customer.failedPeers().equals(lab.failedPeers())));
        rows.add(new Row("without the fault", "-", baselineCauses.isEmpty() ? "no root cause" : join(baselineCauses),
                true, baselineCauses.isEmpty()));
        if (!baselineCauses.isEmpty()) {
            differences.add("the lab names " + join(baselineCauses) + " without the fault too");
        }
        if (healed != null) {
            rows.add(new Row("after the fix", "-", healed ? "every client succeeds" : "clients still fail", true,
                    healed));
            if (!healed) {
                differences.add("after the fault's heal clients still fail");
            }
        }
        return new Comparison(rows, differences);
    }

    /** The table for a terminal: what, customer, {@code =}/{@code ≠} ({@code ~} for shown-only rows), lab. */
    public String render() {
        int what = Math.max(24, rows.stream().mapToInt(r -> r.what().length()).max().orElse(0));
        int customer = Math.max(20, Math.min(40, rows.stream().mapToInt(r -> r.customer().length()).max().orElse(0)));
        StringBuilder s = new StringBuilder(String.format("%-" + what + "s  %-" + customer + "s     %s%n", "", "CUSTOMER",
                "LAB"));
        for (Row row : rows) {
            String mark = !row.compared() ? "~" : row.same() ? "=" : "≠";
            s.append(String.format("%-" + what + "s  %-" + customer + "s  %s  %s%n", row.what(), row.customer(),
                    mark, row.lab()));
        }
        return s.toString();
    }

    private static String orNone(String cause) {
        return cause == null ? "no root cause" : cause;
    }

    private static String dash(String value) {
        return value == null || value.isEmpty() ? "-" : value;
    }

    private static String join(Set<String> values) {
        return values.isEmpty() ? "-" : String.join(", ", values);
    }
}

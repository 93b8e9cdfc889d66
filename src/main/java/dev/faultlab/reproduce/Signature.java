package dev.faultlab.reproduce;

import dev.faultlab.detect.Evidence;
import dev.faultlab.detect.Finding;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How one failure looks, customer's or lab's: the root cause with its attributes, the retransmission schedule of
 * the first failing flow the finding quotes, the counters that rose, and which peers failed.
 *
 * @param cause          root cause id, or null when none was named
 * @param attributes     the finding's attributes
 * @param retransmission gaps between a segment and its retransmissions in the first quoted flow, e.g.
 *                       {@code 0.2s 0.4s 0.8s} (empty when the finding quotes none)
 * @param countersRose   nstat/link counters the finding quotes as having risen (or as non-zero since boot)
 * @param failedPeers    who failed, as the evidence names them (lab: failing client flows; customer: the
 *                       finding's peer attributes)
 */
public record Signature(String cause, Map<String, String> attributes, String retransmission, Set<String> countersRose,
                        Set<String> failedPeers) {
    private static final Pattern COUNTER = Pattern.compile("^([A-Za-z][\\w.]*(?: [\\w .+-]+?)?) (?:rose by|=) (\\d+)");
    private static final Set<String> PEER_ATTRIBUTES = Set.of("staleOn", "destinations", "client", "sender");

    public Signature {
        // comma-separated values are sets (as in expectations): node-4,node-3 is node-3,node-4
        Map<String, String> sorted = new TreeMap<>();
        attributes.forEach((k, v) -> sorted.put(k, v.contains(",") ? Arrays.stream(v.split(","))
                .map(String::strip).sorted().collect(Collectors.joining(",")) : v));
        attributes = Collections.unmodifiableMap(sorted);
        countersRose = Collections.unmodifiableSet(new TreeSet<>(countersRose));
        failedPeers = Collections.unmodifiableSet(new TreeSet<>(failedPeers));
    }

    public static Signature none() {
        return new Signature(null, Map.of(), "", Set.of(), Set.of());
    }

    /** The signature of one finding; {@code failedPeers} from its peer attributes unless given. */
    public static Signature of(Finding finding, Set<String> failedPeers) {
        Set<String> counters = new TreeSet<>();
        for (Evidence e : finding.evidence()) {
            Matcher m = COUNTER.matcher(e.detail());
            if (e.frame() < 0 && m.find() && Long.parseLong(m.group(2)) > 0) {
                counters.add(m.group(1));
            }
        }
        Set<String> peers = failedPeers;
        if (peers == null) {
            peers = finding.attributes().entrySet().stream().filter(a -> PEER_ATTRIBUTES.contains(a.getKey()))
                    .map(a -> a.getKey() + "=" + a.getValue()).collect(Collectors.toCollection(TreeSet::new));
        }
        return new Signature(finding.cause(), finding.attributes(), schedule(finding.evidence()), counters, peers);
    }

    /** Gaps from a segment (or SYN) to each of its retransmissions, in the first flow quoted with any. */
    private static String schedule(List<Evidence> evidence) {
        String flow = evidence.stream().filter(e -> e.frame() >= 0 && e.flow() != null && e.time() != null
                && e.detail().contains("retransmission")).map(Evidence::flow).findFirst().orElse(null);
        if (flow == null) {
            return "";
        }
        List<Instant> times = new ArrayList<>();
        evidence.stream().filter(e -> flow.equals(e.flow()) && e.frame() >= 0 && e.time() != null)
                .forEach(e -> times.add(Instant.parse(e.time())));
        List<String> gaps = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) {
            gaps.add(String.format(Locale.ROOT, "%.1fs", Duration.between(times.get(0), times.get(i)).toMillis() / 1000.0));
        }
        return String.join(" ", gaps);
    }
}

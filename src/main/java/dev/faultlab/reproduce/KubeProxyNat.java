package dev.faultlab.reproduce;

import dev.faultlab.capture.layout.StateLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What kube-proxy's iptables rules ({@code iptables-nat.txt}) say about the Service in front of a pod port: whether
 * a NodePort leads to it, which one, and its externalTrafficPolicy. kube-proxy's chains: a NodePort rule
 * {@code -A KUBE-NODEPORTS ... --dport N -j KUBE-EXT-H}; the Service {@code KUBE-SVC-H} (all endpoints) or
 * {@code KUBE-SVL-H} (node-local endpoints, policy Local) jumps to {@code KUBE-SEP-*}, whose DNAT names the pod.
 */
final class KubeProxyNat {
    private static final Pattern DNAT = Pattern.compile("^-A (KUBE-SEP-\\S+) .*--to-destination \\S+:(\\d+)");
    private static final Pattern NODE_PORT = Pattern.compile("^-A KUBE-NODEPORTS .*--dport (\\d+) -j KUBE-EXT-(\\S+)");

    /**
     * @param nodePort the NodePort in front of the pod port
     * @param policy   {@code cluster} or {@code local}
     * @param source   the host's file and the rule that shows it
     */
    record NodePortFact(int nodePort, String policy, String source) {
    }

    private KubeProxyNat() {
    }

    /** The NodePort leading to {@code podPort}, from the latest snapshot that has kube-proxy's rules. */
    static Optional<NodePortFact> nodePortFor(CustomerEvidence evidence, int podPort) {
        List<Path> snapshots = evidence.stateDirs();
        for (int i = snapshots.size() - 1; i >= 0; i--) {
            for (Path file : natFiles(snapshots.get(i))) {
                Optional<NodePortFact> fact = read(file, podPort);
                if (fact.isPresent()) {
                    return fact;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<NodePortFact> read(Path file, int podPort) {
        List<String> rules;
        try {
            rules = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String host = file.getParent().getFileName().toString();
        for (String dnat : rules) {
            Matcher d = DNAT.matcher(dnat);
            if (!d.find() || Integer.parseInt(d.group(2)) != podPort) {
                continue;
            }
            String endpoint = d.group(1);
            for (String rule : rules) {
                Matcher n = NODE_PORT.matcher(rule);
                if (!n.find()) {
                    continue;
                }
                String hash = n.group(2);
                boolean leadsHere = rules.stream().anyMatch(r -> (r.startsWith("-A KUBE-SVC-" + hash + " ")
                        || r.startsWith("-A KUBE-SVL-" + hash + " ")) && r.endsWith("-j " + endpoint));
                if (leadsHere) {
                    boolean local = rules.stream().anyMatch(r -> r.startsWith("-A KUBE-EXT-" + hash + " ")
                            && r.contains("-j KUBE-SVL-" + hash));
                    return Optional.of(new NodePortFact(Integer.parseInt(n.group(1)), local ? "local" : "cluster",
                            host + "/" + StateLayout.IPTABLES_NAT.name() + ": " + rule.strip() + " (leads to "
                                    + endpoint + ", DNAT to port " + podPort + "; KUBE-EXT-" + hash + " jumps to "
                                    + (local ? "KUBE-SVL: externalTrafficPolicy Local" : "KUBE-SVC: Cluster") + ")"));
                }
            }
        }
        return Optional.empty();
    }

    private static List<Path> natFiles(Path snapshot) {
        try (Stream<Path> hosts = Files.list(snapshot)) {
            return hosts.map(h -> h.resolve(StateLayout.IPTABLES_NAT.name())).filter(Files::isRegularFile).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + snapshot + ": " + e.getMessage(), e);
        }
    }
}

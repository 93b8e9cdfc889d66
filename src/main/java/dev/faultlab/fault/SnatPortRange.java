package dev.faultlab.fault;

import dev.faultlab.backend.Cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A node's source NAT gets a narrow port range (a busy node, or one tuned badly): every MASQUERADE rule of its
 * nat table is replaced, in place, by the same rule with {@code --to-ports}. With few ports, new connections
 * soon reuse a source port whose previous connection the server still holds in TIME_WAIT; a SYN whose TCP
 * timestamp is older than the one remembered there is answered with a bare ACK instead of a SYN-ACK. Traffic
 * that is not masqueraded (e.g. externalTrafficPolicy Local) is untouched. Healing applies the finding's remedy of
 * a wide port range: each rule narrowed to these ports gets the kernel's whole ephemeral range again (the
 * {@code -p tcp} a narrowing had to add stays).
 */
public final class SnatPortRange implements Fault<SnatPortRange.Params> {
    private static final FaultInfo<Params> INFO = new FaultInfo<>("snat-port-range",
            "narrows the port range of a node's MASQUERADE rules", Params.class);

    public record Params(
            @Param("the node (or NAT gateway host) whose MASQUERADE rules change") String node,
            @Param("the port range, e.g. 40000-40001") String ports) {
    }

    @Override
    public FaultInfo<Params> info() {
        return INFO;
    }

    @Override
    public void inject(FaultContext context, Params params) {
        String node = params.node();
        String ports = params.ports();
        int replaced = rewrite(context.cluster(), node, rule -> rule.jumpsTo("MASQUERADE") && !rule.has("--to-ports"),
                rule -> (rule.has("-p") ? rule : rule.withLeading("-p", "tcp")).plus("--to-ports", ports));
        if (replaced == 0) {
            throw new IllegalStateException("fault snat-port-range: " + node + " has no MASQUERADE rule to narrow");
        }
        context.log().accept(node + ": " + replaced + " MASQUERADE rule(s) now use ports " + ports);
    }

    @Override
    public boolean heals() {
        return true;
    }

    @Override
    public void heal(FaultContext context, Params params) {
        int widened = rewrite(context.cluster(), params.node(), rule -> rule.jumpsTo("MASQUERADE")
                && portRange(rule.valueOf("--to-ports")).equals(portRange(params.ports())),
                rule -> rule.without("--to-ports"));
        context.log().accept(params.node() + ": " + widened + " MASQUERADE rule(s) use the whole port range again");
    }

    /** A port range as iptables-save prints it: {@code 40000-40000} is {@code 40000}. */
    static String portRange(String ports) {
        String[] bounds = ports.strip().split("-", 2);
        return bounds.length == 2 && bounds[0].equals(bounds[1]) ? bounds[0] : ports.strip();
    }

    /** Replaces, in place, each rule of the node's nat table that {@code matches} by {@code change(rule)}. */
    private static int rewrite(Cluster cluster, String node, Predicate<IptablesRule> matches,
                               UnaryOperator<IptablesRule> change) {
        String dump = cluster.exec(node, List.of("iptables-save", "-t", "nat"), Duration.ofSeconds(10)).orThrow().stdout();
        List<IptablesRule> rules = IptablesRule.parseAll(dump);
        int replaced = 0;
        for (int i = 0; i < rules.size(); i++) {
            if (matches.test(rules.get(i))) {
                cluster.exec(node, replace(change.apply(rules.get(i)), position(rules, i)), Duration.ofSeconds(10))
                        .orThrow();
                replaced++;
            }
        }
        return replaced;
    }

    /** The rule's 1-based position within its chain, as {@code iptables -R} counts. */
    private static int position(List<IptablesRule> rules, int index) {
        String chain = rules.get(index).chain();
        return (int) rules.subList(0, index + 1).stream().filter(r -> r.chain().equals(chain)).count();
    }

    private static List<String> replace(IptablesRule rule, int position) {
        List<String> argv = new ArrayList<>(List.of("iptables", "-w", "-t", "nat", "-R", rule.chain(),
                String.valueOf(position)));
        argv.addAll(rule.spec());
        return argv;
    }
}

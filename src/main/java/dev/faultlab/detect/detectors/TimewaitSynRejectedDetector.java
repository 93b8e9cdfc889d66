package dev.faultlab.detect.detectors;

import dev.faultlab.detect.AnalysisContext;
import dev.faultlab.detect.Causes;
import dev.faultlab.detect.Detector;
import dev.faultlab.detect.Evidence;
import dev.faultlab.detect.Finding;
import dev.faultlab.detect.LookAlike;
import dev.faultlab.detect.state.CounterReading;
import dev.faultlab.detect.state.HostSnapshot;
import dev.faultlab.detect.state.ConntrackEntry;
import dev.faultlab.detect.state.HostStates;
import dev.faultlab.detect.state.TcpSocket;
import dev.faultlab.detect.tcp.ConversationSummary;
import dev.faultlab.detect.tcp.Endpoint;
import dev.faultlab.detect.tcp.FourTuple;
import dev.faultlab.detect.tcp.Handshake;
import dev.faultlab.detect.tcp.PreviousConnection;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A SYN reuses a 4-tuple the server still holds in TIME_WAIT (SNAT port reuse on a node or a NAT gateway) and is
 * rejected: the server answers with a bare ACK carrying the old connection's sequence numbers (PAWS, when the
 * new SYN's TSval is below the remembered one), the client resets and retries after a delay (an LB logs 499).
 * Also recognizes the pre-4.12 {@code tcp_tw_recycle} signature behind NAT: SYNs from one IP silently dropped
 * exactly when their TSval is below a recent connection's.
 *
 * <p>Look-alikes: a challenge ACK from an ESTABLISHED socket (excluded when the previous connection on the
 * 4-tuple was seen closing with FINs both ways, or the server's state holds the tuple in TIME_WAIT), fuzzed or
 * crafted timestamps (excluded when the ACK echoes exactly the previous connection's last TSval, when no
 * timestamp decides the rejection, or by the PAWS counters) and one lost SYN (excluded when the client's kernel
 * reset the answered attempt, or by a count of rejections).
 */
public final class TimewaitSynRejectedDetector implements Detector {
    private static final int NODEPORT_LOW = 30000;
    private static final int NODEPORT_HIGH = 32767;
    private static final int KEPT = 1000;
    private static final String NODE_SNAT = "node-snat";
    private static final String NAT_GATEWAY = "nat-gateway";
    /**
     * Rejections needed when no client RST confirms one: a single SYN answered by a bare ACK can be a stray or
     * crafted packet; a pattern repeats.
     */
    private static final int MIN_REJECTIONS = 2;
    /**
     * Attempts from one source the tcp_tw_recycle rule must order (dropped iff the TSval is lower) before random
     * or crafted timestamps are ruled out: each attempt halves the odds that arbitrary TSvals fit the rule.
     */
    private static final int MIN_RECYCLE_ATTEMPTS = 4;

    private final List<ConversationSummary> rejected = new ArrayList<>();
    private final Map<FourTuple, ConversationSummary> retries = new LinkedHashMap<>();
    private final Set<InetAddress> nodePortHosts = new HashSet<>();
    private final ConnectAttempts attempts = new ConnectAttempts();

    @Override
    public String cause() {
        return Causes.TIMEWAIT_SYN_REJECTED;
    }

    @Override
    public Set<String> attributes() {
        return Set.of("client", "paws", "rejections", "server", "source", "variant");
    }

    @Override
    public void onConversation(ConversationSummary c) {
        attempts.add(c);
        if (c.server().port() >= NODEPORT_LOW && c.server().port() <= NODEPORT_HIGH && nodePortHosts.size() < KEPT) {
            nodePortHosts.add(c.server().address());
        }
        if (c.handshake() == Handshake.SYN_ANSWERED_BY_ACK && rejected.size() < KEPT) {
            rejected.add(c);
        }
        PreviousConnection previous = c.previous();
        if (previous != null && previous.closedByReset() && c.synCount() > 0 && retries.size() < KEPT) {
            retries.putIfAbsent(FourTuple.of(c.client(), c.server()), c);
        }
    }

    @Override
    public List<Finding> conclude(AnalysisContext context) {
        List<Finding> findings = new ArrayList<>();
        if (!rejected.isEmpty()) {
            findings.add(timewaitFinding(context.states()));
        }
        attempts.explainedByTimestamps().forEach((source, rejections) ->
                findings.add(twRecycleFinding(context.states(), source, rejections)));
        return findings;
    }

    private Finding timewaitFinding(HostStates states) {
        ConversationSummary first = rejected.get(0);
        boolean paws = rejected.stream().anyMatch(TimewaitSynRejectedDetector::pawsRejected);
        String source = source(states, rejected);
        FindingBuilder finding = new FindingBuilder(cause()).confidence(0.7)
                .attribute("paws", paws).attribute("source", source).attribute("client", first.client())
                .attribute("server", first.server()).attribute("rejections", rejected.size())
                .lookAlikes(LookAlike.CHALLENGE_ACK, LookAlike.FUZZED_TIMESTAMPS, LookAlike.ONE_LOST_SYN)
                .confirmWith("ss -tanoi (ss-tanoi.txt: TIME-WAIT socket for the tuple) and nstat -az"
                        + " TcpExtPAWSTimewait (nstat.txt) on " + first.server().address().getHostAddress()
                        + "'s host; conntrack -L (conntrack.txt) on the NATing node");
        boolean clientReset = false;
        boolean previousSeen = false;
        for (ConversationSummary c : rejected.subList(0, Math.min(4, rejected.size()))) {
            PreviousConnection previous = c.previous();
            if (previous != null && previous.finished()) {
                previousSeen = true;
                finding.evidence(Evidence.frame(c.capture(), previous.closedAt(), c.flow(), "the previous"
                        + " connection on this 4-tuple ended here, "
                        + Texts.seconds(c.first().secondsAfter(previous.closedAt())) + " before the new SYN"));
            }
            finding.evidence(Evidence.frame(c.capture(), c.syns().get(0).ref(), c.flow(), "SYN reusing the 4-tuple"
                    + (c.synTsVal() >= 0 ? ", TSval " + c.synTsVal() : "")));
            finding.evidence(Evidence.frame(c.capture(), c.bareAck(), c.flow(), "answered by a bare ACK (no SYN),"
                    + " ack " + c.bareAckAck() + (c.bareAckTsEcr() >= 0 ? ", TSecr " + c.bareAckTsEcr()
                    + (pawsRejected(c) ? " > the SYN's TSval: PAWS rejected it" : "") : "")));
            if (c.clientRst() != null) {
                clientReset |= c.clientRstSeq() == c.bareAckAck();
                finding.evidence(Evidence.frame(c.capture(), c.clientRst(), c.flow(), "client RST seq "
                        + c.clientRstSeq() + " (= that ACK's ack number)"));
            }
            ConversationSummary retry = retries.get(FourTuple.of(c.client(), c.server()));
            if (retry != null && retry.first().epochNanos() > c.first().epochNanos()) {
                finding.evidence(Evidence.frame(retry.capture(), retry.first(), retry.flow(), "retried SYN "
                        + Texts.seconds(retry.first().secondsAfter(c.first())) + " after the rejected one, "
                        + retry.handshake().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')));
            }
        }
        TimeWaitState state = stateEvidence(states, finding, first);
        finding.confirm(clientReset ? 0.1 : 0).confirm(previousSeen ? 0.1 : 0).confirm(state.pawsRose() ? 0.1 : 0);
        excludeLookAlikes(finding, paws, state);
        return finding.summary("SYNs reusing a 4-tuple still in TIME_WAIT on " + first.server() + " are answered"
                        + " by a bare ACK" + (paws ? " (PAWS: older timestamp)" : "") + "; the client resets and"
                        + " retries (" + source + ")")
                .explanation(rejected.size() + " new connection(s) from " + first.client().address().getHostAddress()
                        + " reused a source port whose previous connection to " + first.server() + " had only just"
                        + " closed. The server still held that 4-tuple in TIME_WAIT and, instead of a SYN-ACK,"
                        + " answered with a plain ACK carrying the old connection's numbers"
                        + (paws ? " because the new SYN's timestamp was older than the one it remembered (PAWS,"
                        + " TcpExtPAWSTimewait)" : "") + ". The client resets and retries after a delay; a load"
                        + " balancer in front logs 499/timeouts. "
                        + (NODE_SNAT.equals(source) ? "The source is a node SNATing NodePort traffic"
                        + " (externalTrafficPolicy: Cluster), which maps many clients onto few ports."
                        : "The source looks like a NAT gateway mapping many clients onto one IP."))
                .remediation(NODE_SNAT.equals(source)
                        ? "Avoid the node's SNAT: set externalTrafficPolicy: Local on the Service (the LB must then"
                        + " only target nodes with ready pods), or send the load balancer straight to the pods"
                        + " (pod-IP targets / container-native LB). Widening the node's ephemeral port range"
                        + " (net.ipv4.ip_local_port_range) makes reuse rarer."
                        : "On the NAT gateway, widen the SNAT port range / add addresses so ports are not reused"
                        + " within 2 MSL, and keep its conntrack TIME_WAIT timeout at least 60 s; on clients"
                        + " enable net.ipv4.tcp_tw_reuse; as a last resort disable timestamps on the server.")
                .build();
    }

    /** The server's state about the rejected tuple. */
    private record TimeWaitState(boolean pawsRose, boolean timeWaitHeld) {
    }

    private void excludeLookAlikes(FindingBuilder finding, boolean paws, TimeWaitState state) {
        ConversationSummary finClosed = rejected.stream().filter(c -> c.previous() != null
                && c.previous().finished() && !c.previous().closedByReset()).findFirst().orElse(null);
        if (finClosed != null) {
            finding.exclude(LookAlike.CHALLENGE_ACK, "the previous connection on " + finClosed.flow() + " closed"
                    + " with FINs from both sides " + Texts.seconds(finClosed.first().secondsAfter(
                    finClosed.previous().closedAt())) + " before the SYN: only a TIME_WAIT socket remains");
        } else if (state.timeWaitHeld() || state.pawsRose()) {
            finding.exclude(LookAlike.CHALLENGE_ACK, "the server's state holds the tuple in TIME_WAIT"
                    + (state.pawsRose() ? " (TcpExtPAWSTimewait rose)" : ""));
        } else {
            finding.open(LookAlike.CHALLENGE_ACK, "the previous connection on the tuple was not seen closing and"
                    + " no state shows it in TIME_WAIT: an ESTABLISHED socket answers a SYN the same way");
        }
        ConversationSummary echoed = rejected.stream().filter(c -> c.previous() != null
                && c.bareAckTsEcr() >= 0 && c.bareAckTsEcr() == c.previous().clientTsVal()).findFirst().orElse(null);
        if (!paws) {
            finding.exclude(LookAlike.FUZZED_TIMESTAMPS, "no rejected SYN carries a TSval below the one echoed"
                    + " back: the rejection does not rest on timestamps");
        } else if (echoed != null) {
            finding.exclude(LookAlike.FUZZED_TIMESTAMPS, "the ACK on " + echoed.flow() + " echoes TSecr "
                    + echoed.bareAckTsEcr() + ", exactly the last TSval of the previous connection on the tuple: a"
                    + " TIME_WAIT socket's memory, which crafted numbers would not reproduce");
        } else if (state.pawsRose()) {
            finding.exclude(LookAlike.FUZZED_TIMESTAMPS, "the server counted the PAWS rejections"
                    + " (TcpExtPAWSTimewait rose between the snapshots)");
        } else {
            finding.open(LookAlike.FUZZED_TIMESTAMPS, "the TSvals are lower than the echoed ones but match no"
                    + " previous connection seen, and no PAWS counter confirms them");
        }
        ConversationSummary reset = rejected.stream().filter(c -> c.clientRst() != null
                && c.clientRstSeq() == c.bareAckAck()).findFirst().orElse(null);
        long distinct = rejected.stream().map(c -> c.client() + ">" + c.server() + "#" + c.isn()).distinct().count();
        if (reset != null) {
            finding.exclude(LookAlike.ONE_LOST_SYN, "the SYN on " + reset.flow() + " was answered (bare ACK) and"
                    + " the client's kernel reset it with seq = that ACK's ack number: nothing was lost");
        } else if (distinct >= MIN_REJECTIONS) {
            finding.exclude(LookAlike.ONE_LOST_SYN, distinct + " SYNs answered by a bare ACK (at least "
                    + MIN_REJECTIONS + " needed without a client RST)");
        } else {
            finding.open(LookAlike.ONE_LOST_SYN, "one SYN answered by a bare ACK and no client reaction seen");
        }
    }

    private static boolean pawsRejected(ConversationSummary c) {
        return c.synTsVal() >= 0 && c.bareAckTsEcr() >= 0 && (int) (c.synTsVal() - c.bareAckTsEcr()) < 0;
    }

    /**
     * node-snat when the rejected connections are NodePort traffic a node SNATs toward a pod: the client side
     * addressed a NodePort (30000-32767), the server is a pod (host state) reached from a node's address, or the
     * client address also serves NodePorts in the captures. Else a NAT gateway (including a node masquerading
     * pod egress to an outside service, where the gateway remedies apply).
     */
    private String source(HostStates states, List<ConversationSummary> connections) {
        for (ConversationSummary c : connections) {
            boolean toNodePort = c.server().port() >= NODEPORT_LOW && c.server().port() <= NODEPORT_HIGH;
            boolean clientIsNode = states.hostWithAddress(c.client().address()).map(h -> h.info().isNode())
                    .orElse(false) || nodePortHosts.contains(c.client().address());
            boolean serverIsPod = states.hostWithAddress(c.server().address())
                    .map(h -> "pod".equals(h.info().role())).orElse(false)
                    || states.nodeOwning(c.server().address()).isPresent();
            if (toNodePort || clientIsNode && (serverIsPod || nodePortHosts.contains(c.client().address()))) {
                return NODE_SNAT;
            }
        }
        return NAT_GATEWAY;
    }

    /** PAWSTimewait rising and TIME-WAIT sockets / conntrack entries for the tuple on the server. */
    private static TimeWaitState stateEvidence(HostStates states, FindingBuilder finding, ConversationSummary c) {
        boolean pawsRose = false;
        boolean held = false;
        for (HostSnapshot host : states.latestHosts()) {
            if (host.hasAddress(c.server().address())) {
                for (String counter : List.of("TcpExtPAWSTimewait", "TcpExtPAWSEstab")) {
                    CounterReading paws = states.counter(host.name(), counter);
                    if (paws.value() > 0) {
                        finding.evidence(Evidence.state(host.name(), paws.file(), paws.describe()));
                    }
                    pawsRose |= paws.rose();
                }
            }
            String port = ":" + c.client().port();
            TcpSocket socket = host.sockets().stream().filter(s -> s.state().startsWith("TIME")
                    && s.peer().endsWith(port)).findFirst().orElse(null);
            if (socket != null) {
                held = true;
                finding.evidence(Evidence.state(host.name(), "ss-tanoi.txt", socket.line()));
            }
            ConntrackEntry entry = host.conntrack().stream().filter(e -> "TIME_WAIT".equals(e.state())
                    && e.sourcePort() == c.client().port()).findFirst().orElse(null);
            if (entry != null) {
                held = true;
                finding.evidence(Evidence.state(host.name(), "conntrack.txt", entry.line()));
            }
        }
        return new TimeWaitState(pawsRose, held);
    }

    private Finding twRecycleFinding(HostStates states, ConnectAttempts.Peers peers,
                                     List<ConnectAttempts.Rejection> rejections) {
        InetAddress source = peers.client();
        ConversationSummary first = rejections.get(0).dropped();
        Endpoint server = first.server();
        String sourceKind = source(states, rejections.stream().map(ConnectAttempts.Rejection::dropped).toList());
        FindingBuilder finding = new FindingBuilder(cause()).confidence(0.6)
                .attribute("paws", true).attribute("variant", "tcp_tw_recycle").attribute("source", sourceKind)
                .attribute("client", source.getHostAddress()).attribute("server", server)
                .attribute("rejections", rejections.size())
                .lookAlikes(LookAlike.CHALLENGE_ACK, LookAlike.FUZZED_TIMESTAMPS, LookAlike.ONE_LOST_SYN)
                .confirmWith("sysctl net.ipv4.tcp_tw_recycle (sysctl.txt) and nstat -az TcpExtPAWSPassive"
                        + " on " + server.address().getHostAddress() + "'s host")
                .exclude(LookAlike.CHALLENGE_ACK, "the SYNs were dropped silently: a challenge ACK is an answer")
                .exclude(LookAlike.ONE_LOST_SYN, rejections.size() + " connects dropped with every retransmission"
                        + " (at least 2 needed)");
        int ordered = attempts.attemptsFrom(peers);
        if (ordered >= MIN_RECYCLE_ATTEMPTS) {
            finding.exclude(LookAlike.FUZZED_TIMESTAMPS, "the rule (dropped exactly when the TSval is lower)"
                    + " orders all " + ordered + " attempts from " + source.getHostAddress() + " (at least "
                    + MIN_RECYCLE_ATTEMPTS + " needed)");
        }
        for (ConnectAttempts.Rejection r : rejections.subList(0, Math.min(4, rejections.size()))) {
            ConversationSummary ref = r.reference();
            finding.evidence(Evidence.frame(ref.capture(), ref.last(), ref.flow(), "earlier connection from the"
                    + " same IP ended with TSval " + ref.clientLastTsVal()));
            ConversationSummary d = r.dropped();
            d.syns().forEach(s -> finding.evidence(Evidence.frame(d.capture(), s.ref(), d.flow(), "SYN with lower"
                    + " TSval " + s.tsVal() + " silently dropped")));
        }
        states.latestHosts().stream().filter(h -> h.sysctl("net.ipv4.tcp_tw_recycle").filter("1"::equals).isPresent())
                .forEach(h -> {
                    finding.confirm(0.3);
                    finding.exclude(LookAlike.FUZZED_TIMESTAMPS, h.name() + " runs with net.ipv4.tcp_tw_recycle=1");
                    finding.evidence(Evidence.state(h.name(), "sysctl.txt", "net.ipv4.tcp_tw_recycle = 1"));
                });
        return finding.summary("SYNs from " + source.getHostAddress() + " to " + server + " are dropped whenever"
                        + " their TCP timestamp is lower than a recent connection's (tcp_tw_recycle behind NAT)")
                .explanation(rejections.size() + " connects from " + source.getHostAddress() + " were silently"
                        + " dropped while other connects from the same IP succeeded; every dropped SYN carried a"
                        + " TSval below the last one of a connection from that IP that had just closed, and every"
                        + " answered SYN a higher one. That is per-host PAWS: a server with net.ipv4.tcp_tw_recycle=1"
                        + " (Linux < 4.12) remembers one timestamp per peer IP, and behind NAT several hosts with"
                        + " different timestamp clocks share that IP.")
                .remediation("Set net.ipv4.tcp_tw_recycle=0 on the server (the option was removed in Linux 4.12"
                        + " for this reason); use tcp_tw_reuse on clients instead. If the server cannot be changed,"
                        + " disable TCP timestamps on the NATed clients.")
                .build();
    }
}

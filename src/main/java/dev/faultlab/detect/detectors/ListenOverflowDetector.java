package dev.faultlab.detect.detectors;

import dev.faultlab.detect.AnalysisContext;
import dev.faultlab.detect.Causes;
import dev.faultlab.detect.Detector;
import dev.faultlab.detect.Evidence;
import dev.faultlab.detect.Finding;
import dev.faultlab.detect.LookAlike;
import dev.faultlab.detect.state.HostSnapshot;
import dev.faultlab.detect.state.CounterReading;
import dev.faultlab.detect.state.HostStates;
import dev.faultlab.detect.state.Listener;
import dev.faultlab.detect.tcp.ConversationSummary;
import dev.faultlab.detect.tcp.Endpoint;
import dev.faultlab.detect.tcp.Handshake;
import dev.faultlab.detect.tcp.SynAttempt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The server's accept queue is full (the application does not accept fast enough for its backlog): the kernel
 * drops SYNs (or, with syncookies, completes handshakes for sockets that cannot be queued), so a share of
 * connects to a server that answers the others times out. With {@code tcp_abort_on_overflow=1} the client gets
 * a RST instead; a SYN dropped while the queue is full is retransmitted and answered late. Host state confirms
 * it: the listener's Recv-Q above its Send-Q (the backlog) and ListenOverflows/ListenDrops rising.
 *
 * <p>Look-alikes: one lost SYN (excluded by a count of affected connects), a stale Service endpoint and a
 * firewall drop (both excluded when the server itself reacted to the affected connects, or by the server's
 * own state). A path outage (withdrawn route, stale VXLAN MAC) fails every connect of a window; an overflow
 * fails some while others opened in the same window are answered at once, which the packet sign requires.
 */
public final class ListenOverflowDetector implements Detector {
    private static final List<String> OVERFLOW_COUNTERS = List.of("TcpExtListenOverflows", "TcpExtListenDrops",
            "TcpExtTCPReqQFullDrop", "TcpExtTCPReqQFullDoCookies", "TcpExtSyncookiesSent");
    /** A server RST this soon after its SYN-ACK answers the handshake's last ACK: abort_on_overflow. */
    private static final long ABORT_WINDOW_NANOS = 1_000_000_000L;
    /**
     * Affected connects needed before packets alone speak of an overflow: one or two late handshakes follow from
     * a single loss on any path; a full queue turns away a share of every burst.
     */
    private static final int MIN_AFFECTED = 3;
    /**
     * Listener reactions needed to rule out a filter or a stale endpoint: one reset or late SYN-ACK can be a
     * stray; two show the listener itself handling the connects it turns away.
     */
    private static final int MIN_REACTIONS = 2;
    private static final int KEPT = 1000;
    /**
     * Packets closer than this arrived "together": a burst's SYNs (and their retransmissions, a backoff step
     * later) land within milliseconds, while a path changes state far less often.
     */
    private static final long SAME_MOMENT_NANOS = 50_000_000L;

    /** The packet-level signs for one server endpoint. */
    private static final class Signs {
        /** SYNs retransmitted and never answered. */
        final List<ConversationSummary> unanswered = new ArrayList<>();
        /** SYNs retransmitted, then answered by the same server: the first ones were dropped. */
        final List<ConversationSummary> lateAnswered = new ArrayList<>();
        /** The server resent its SYN-ACK although the client acknowledged it: the final ACK was dropped. */
        final List<ConversationSummary> ackDropped = new ArrayList<>();
        final List<ConversationSummary> cookieOrphans = new ArrayList<>();
        final List<ConversationSummary> aborted = new ArrayList<>();
        /** First-SYN times of connects answered at the first SYN. */
        final List<Long> answeredAtOnce = new ArrayList<>();

        int count() {
            return unanswered.size() + serverReacted();
        }

        /** Affected connects the server itself reacted to (it was alive and reachable for them). */
        int serverReacted() {
            return lateAnswered.size() + ackDropped.size() + cookieOrphans.size() + aborted.size();
        }

        /**
         * Reactions only a listener makes: resets and syncookie handshakes always; late SYN-ACKs only when the
         * listener dropped SYNs selectively (else a path outage that ended explains them).
         */
        int listenerReactions(long selective) {
            return ackDropped.size() + cookieOrphans.size() + aborted.size()
                    + (selective >= MIN_AFFECTED ? lateAnswered.size() : 0);
        }

        List<ConversationSummary> affected() {
            List<ConversationSummary> all = new ArrayList<>(unanswered);
            all.addAll(lateAnswered);
            all.addAll(ackDropped);
            all.addAll(cookieOrphans);
            all.addAll(aborted);
            return all;
        }

        /**
         * Dropped SYNs with an answered SYN to the same listener within {@link #SAME_MOMENT_NANOS}: the listener
         * chose between packets arriving together. A path outage (withdrawn route, stale MAC) or a dead backend
         * drops everything at a given moment.
         */
        long selectiveDrops() {
            // in arrays of times, without a stream per connect: this runs once per server with signs, over up to
            // a thousand connects each, mostly before the JIT has compiled it
            List<ConversationSummary> affected = affected();
            int syns = 0;
            for (ConversationSummary c : affected) {
                syns += c.syns().size();
            }
            long[] answeredTimes = new long[answeredAtOnce.size() + syns];
            int answered = 0;
            for (long t : answeredAtOnce) {
                answeredTimes[answered++] = t;
            }
            long[] droppedTimes = new long[syns];
            int dropped = 0;
            for (ConversationSummary c : affected) {
                long answeredBy = c.synAck() == null ? Long.MIN_VALUE : c.synAck().epochNanos();
                long answeredSyn = Long.MIN_VALUE; // the last SYN sent before the SYN-ACK
                for (SynAttempt syn : c.syns()) {
                    long t = syn.ref().epochNanos();
                    if (t <= answeredBy && t > answeredSyn) {
                        answeredSyn = t;
                    }
                }
                for (SynAttempt syn : c.syns()) {
                    long t = syn.ref().epochNanos();
                    if (t == answeredSyn) {
                        answeredTimes[answered++] = t;
                    } else {
                        droppedTimes[dropped++] = t;
                    }
                }
            }
            Arrays.sort(answeredTimes, 0, answered);
            long near = 0;
            for (int i = 0; i < dropped; i++) {
                if (answeredNear(answeredTimes, answered, droppedTimes[i])) {
                    near++;
                }
            }
            return near;
        }

        /** Whether one of the first {@code size} times of {@code sorted} is within the same moment as {@code t}. */
        private static boolean answeredNear(long[] sorted, int size, long t) {
            int i = Arrays.binarySearch(sorted, 0, size, t);
            int at = i >= 0 ? i : -i - 1;
            return at < size && sorted[at] - t <= SAME_MOMENT_NANOS
                    || at > 0 && t - sorted[at - 1] <= SAME_MOMENT_NANOS;
        }
    }

    /** What the server's own host state says about its listener. */
    /**
     * What the server's own host state says.
     *
     * @param silent its overflow counters were read between two snapshots, did not move, and its accept queue was
     *               never full: the kernel dropped nothing at that listener while the capture ran
     */
    private record StateCheck(boolean queueFull, long overflowsRose, boolean silent) {
        boolean confirms() {
            return queueFull || overflowsRose > 0;
        }
    }

    private final ConnectAttempts attempts = new ConnectAttempts();
    private final Map<Endpoint, Signs> byServer = new LinkedHashMap<>();

    @Override
    public String cause() {
        return Causes.LISTEN_OVERFLOW;
    }

    @Override
    public Set<String> attributes() {
        return Set.of("affected", "backlog", "port", "served", "server");
    }

    @Override
    public void onConversation(ConversationSummary c) {
        attempts.add(c);
        if (c.clientDataUnanswered()) {
            addSign(c, s -> s.cookieOrphans);
        } else if (c.handshake() == Handshake.ESTABLISHED && c.serverRst() != null && c.synAck() != null
                && c.packets() <= 6 && c.serverRst().epochNanos() - c.synAck().epochNanos() < ABORT_WINDOW_NANOS) {
            addSign(c, s -> s.aborted);
        } else if (c.handshake() == Handshake.ESTABLISHED && c.synCount() >= 2 && answeredOnlyAfterRetransmission(c)) {
            addSign(c, s -> s.lateAnswered);
        } else if (c.handshake() == Handshake.ESTABLISHED && c.synCount() == 1 && c.synAckCount() >= 2) {
            addSign(c, s -> s.ackDropped);
        } else if (c.handshake() == Handshake.ESTABLISHED && c.synCount() == 1) {
            Signs signs = signsOrNull(c.server());
            if (signs != null && signs.answeredAtOnce.size() < KEPT) {
                signs.answeredAtOnce.add(c.first().epochNanos());
            }
        }
    }

    /**
     * Adds {@code c} to one list of its server's signs, when they are kept (non-capturing lambdas and no Optional:
     * nothing is allocated for the conversations that are not kept).
     */
    private void addSign(ConversationSummary c, Function<Signs, List<ConversationSummary>> list) {
        Signs signs = signsOrNull(c.server());
        if (signs != null) {
            list.apply(signs).add(c);
        }
    }

    /**
     * The first SYN-ACK came after the client's second SYN: the listener left the first SYN unanswered. A SYN-ACK
     * before the retransmitted SYN means the listener answered at once and its SYN-ACK was lost on the way
     * (ordinary loss), which an accept queue has nothing to do with.
     */
    private static boolean answeredOnlyAfterRetransmission(ConversationSummary c) {
        return c.synAck() != null && c.syns().size() >= 2
                && c.synAck().epochNanos() >= c.syns().get(1).ref().epochNanos();
    }

    /** The server's signs (made if fewer than KEPT servers have some), or null when none or KEPT are kept. */
    private Signs signsOrNull(Endpoint server) {
        Signs signs = byServer.get(server);
        if (signs == null && byServer.size() < KEPT) {
            signs = new Signs();
            byServer.put(server, signs);
        }
        return signs != null && signs.count() < KEPT ? signs : null;
    }

    @Override
    public List<Finding> conclude(AnalysisContext context) {
        Set<ConnectAttempts.Peers> timestampExplained = attempts.explainedByTimestamps().keySet();
        for (ConversationSummary c : context.handshakes().unanswered()) {
            if (!timestampExplained.contains(ConnectAttempts.Peers.of(c))) {
                addSign(c, s -> s.unanswered);
            }
        }
        List<Finding> findings = new ArrayList<>();
        byServer.forEach((server, signs) -> diagnose(context, server, signs).ifPresent(findings::add));
        return findings;
    }

    private Optional<Finding> diagnose(AnalysisContext context, Endpoint server, Signs signs) {
        long answered = context.handshakes().establishedTo(server);
        long served = Math.max(0, answered - signs.serverReacted());
        long selective = signs.selectiveDrops();
        // An overflow drops some SYNs while the listener answers others arriving at the same moment; a path
        // outage or a dead backend drops everything of its window.
        boolean packetSign = signs.count() >= MIN_AFFECTED && selective >= MIN_AFFECTED
                || signs.aborted.size() >= 2 || !signs.cookieOrphans.isEmpty();
        FindingBuilder finding = new FindingBuilder(cause()).attribute("port", server.port())
                .attribute("server", server)
                .lookAlikes(LookAlike.ONE_LOST_SYN, LookAlike.STALE_SERVICE_ENDPOINT, LookAlike.FIREWALL_DROP)
                .confirmWith("ss -ltn (ss-ltn.txt: Recv-Q > Send-Q on port " + server.port() + ") and nstat -az"
                        + " TcpExtListenOverflows TcpExtListenDrops (nstat.txt) on " + server.address().getHostAddress()
                        + "'s host, before and after (ci/collect-node-state.sh)");
        StateCheck state = stateEvidence(context.states(), server, finding);
        if (signs.count() == 0 || !packetSign && !state.confirms()) {
            return Optional.empty();
        }
        excludeLookAlikes(finding, signs, state, selective);
        finding.confidence(packetSign ? 0.5 : 0.45).confirm(state.confirms() ? 0.4 : 0);
        signs.unanswered.stream().limit(4).forEach(c -> c.syns().forEach(s -> finding.evidence(Evidence.frame(
                c.capture(), s.ref(), c.flow(), "SYN to a listener that answers others, no SYN-ACK"))));
        signs.lateAnswered.stream().limit(4).forEach(c -> finding.evidence(Evidence.frame(c.capture(), c.synAck(),
                c.flow(), "SYN-ACK only after " + Texts.plural(c.synCount(), "SYN") + ", "
                        + Texts.seconds(c.synAck().secondsAfter(c.first())) + " after the first: the earlier SYNs"
                        + " were dropped by the listener")));
        signs.ackDropped.stream().limit(4).forEach(c -> finding.evidence(Evidence.frame(c.capture(), c.synAck(),
                c.flow(), "SYN-ACK sent " + c.synAckCount() + " times although the client acknowledged it: the"
                        + " final ACK was dropped (no room in the accept queue)")));
        signs.cookieOrphans.stream().limit(4).forEach(c -> finding.evidence(Evidence.frame(c.capture(), c.synAck(),
                c.flow(), "handshake completed (SYN-ACK), then the client's data is retransmitted and never"
                        + " acknowledged: no socket behind the handshake (syncookies with a full accept queue)")));
        signs.aborted.stream().limit(4).forEach(c -> finding.evidence(Evidence.frame(c.capture(), c.serverRst(),
                c.flow(), "server RST right after the handshake (tcp_abort_on_overflow=1)")));
        String failures = Texts.plural(signs.count(), "connect");
        finding.attribute("affected", signs.count()).attribute("served", served)
                .summary("Accept queue of the listener on " + server + " overflows: " + failures + " turned away"
                        + (served > 0 ? " while " + served + " others were served" : ""))
                .explanation("The server answers some connects on " + server + " but not others: of " + failures
                        + ", " + String.join(", ", ways(signs)) + (selective > 0 ? "; " + selective + " SYNs"
                        + " were dropped within 50 ms of a SYN the listener answered" : "") + ". That is what a"
                        + " full accept queue does: the application accepts connections slower than they arrive"
                        + " (or its listen backlog is tiny), so the kernel drops new SYNs and final ACKs"
                        + " (ListenOverflows/ListenDrops) and the clients' retransmissions are answered once there"
                        + " is room, or, with tcp_abort_on_overflow=1, resets them. Clients see a share of "
                        + (signs.aborted.isEmpty() ? "slow (1 s, 3 s) or timed-out connects."
                        : "'connection reset by peer' errors."))
                .remediation("Make the application accept faster (more acceptor threads, no blocking work on the"
                        + " accept loop) and raise its listen backlog together with net.core.somaxconn and"
                        + " net.ipv4.tcp_max_syn_backlog; watch 'ss -ltn' (Recv-Q should stay below Send-Q) and"
                        + " 'nstat -az TcpExtListenOverflows'. Add replicas if the pod is simply saturated.");
        return Optional.of(finding.build());
    }

    private static List<String> ways(Signs signs) {
        List<String> ways = new ArrayList<>();
        if (!signs.unanswered.isEmpty()) {
            ways.add(signs.unanswered.size() + " had their SYNs retransmitted with no SYN-ACK");
        }
        if (!signs.lateAnswered.isEmpty()) {
            ways.add(signs.lateAnswered.size() + " were answered only after retransmitting their SYN");
        }
        if (!signs.ackDropped.isEmpty()) {
            ways.add(signs.ackDropped.size() + " had their final ACK dropped (SYN-ACK resent)");
        }
        if (!signs.cookieOrphans.isEmpty()) {
            ways.add(signs.cookieOrphans.size() + " completed a handshake by syncookies and then had their data"
                    + " ignored");
        }
        if (!signs.aborted.isEmpty()) {
            ways.add(signs.aborted.size() + " were reset right after the handshake");
        }
        return ways;
    }

    private static void excludeLookAlikes(FindingBuilder finding, Signs signs, StateCheck state, long selective) {
        if (state.silent()) {
            // The listener's own counters are the ground truth the packets only infer: a queue on a busy link or a
            // lossy hop drops SYNs and SYN-ACKs in the same interleaved way, but the listener counts none of it.
            finding.open(LookAlike.ORDINARY_LOSS, "the server's ListenOverflows and ListenDrops did not rise between"
                    + " the snapshots and its accept queue was never full: the handshakes were lost on the path (a"
                    + " busy link's queue, a lossy hop), not at the listener");
        }
        if (signs.count() >= MIN_AFFECTED) {
            finding.exclude(LookAlike.ONE_LOST_SYN, signs.count() + " connects to the listener lost their opening"
                    + " (at least " + MIN_AFFECTED + " needed)");
        } else if (state.overflowsRose() >= MIN_AFFECTED) {
            finding.exclude(LookAlike.ONE_LOST_SYN, "the server's overflow counters rose by "
                    + state.overflowsRose() + " between the snapshots");
        } else {
            finding.open(LookAlike.ONE_LOST_SYN, "only " + Texts.plural(signs.count(), "connect") + " affected");
        }
        int reactions = signs.listenerReactions(selective);
        String reacted = reactions + " affected connects were handled by the listener itself (late SYN-ACKs to"
                + " retransmitted SYNs, " + selective + " SYNs dropped within 50 ms of one it answered, resent"
                + " SYN-ACKs, syncookie handshakes or resets right after the handshake)";
        if (reactions >= MIN_REACTIONS || state.confirms()) {
            String fact = state.confirms() ? "the server's own state shows its accept queue overflowing"
                    + (reactions > 0 ? "; " + reacted : "") : reacted;
            finding.exclude(LookAlike.STALE_SERVICE_ENDPOINT, fact + ": a stale endpoint never answers");
            finding.exclude(LookAlike.FIREWALL_DROP, fact + ": a filter decides by address and port and would"
                    + " drop a flow's retransmissions too");
        } else {
            String why = "the lost SYNs were never answered by the listener, which a stale endpoint or a filter"
                    + " dropping some flows shows too; no state of the server's host confirms the overflow";
            finding.open(LookAlike.STALE_SERVICE_ENDPOINT, why);
            finding.open(LookAlike.FIREWALL_DROP, why);
        }
    }

    /**
     * Listener and counter evidence from the server's own host. Only that host can confirm: another host's full
     * listener says nothing about this server.
     */
    private static StateCheck stateEvidence(HostStates states, Endpoint server, FindingBuilder finding) {
        Optional<HostSnapshot> host = states.hostWithAddress(server.address());
        if (host.isEmpty()) {
            return new StateCheck(false, 0, false);
        }
        HostSnapshot h = host.get();
        long rose = 0;
        boolean allDeltas = true;
        for (String counter : OVERFLOW_COUNTERS) {
            CounterReading reading = states.counter(h.name(), counter);
            allDeltas &= reading.isDelta();
            if (reading.value() > 0) {
                finding.evidence(Evidence.state(h.name(), reading.file(), reading.describe()));
            }
            rose = Math.max(rose, reading.rose() ? reading.value() : 0);
        }
        boolean full = false;
        Optional<Listener> listener = h.listeners().stream().filter(l -> l.port() == server.port()).findFirst();
        if (listener.isPresent()) {
            Listener l = listener.get();
            finding.attribute("backlog", l.sendQ()).attribute("port", l.port());
            full = l.acceptQueueFull() || states.earliest(h.name()).flatMap(e -> e.listeners().stream()
                    .filter(x -> x.port() == server.port()).findFirst()).map(Listener::acceptQueueFull).orElse(false);
            if (l.acceptQueueFull()) {
                finding.evidence(Evidence.state(h.name(), "ss-ltn.txt", l.line() + "  (Recv-Q " + l.recvQ()
                        + " > Send-Q " + l.sendQ() + ": accept queue full)"));
            }
        }
        h.sysctl("net.ipv4.tcp_abort_on_overflow").filter("1"::equals).ifPresent(v -> finding.evidence(
                Evidence.state(h.name(), "sysctl.txt", "net.ipv4.tcp_abort_on_overflow = 1")));
        return new StateCheck(full, rose, allDeltas && rose == 0 && !full);
    }
}

package dev.faultlab.detect.detectors;

import dev.faultlab.detect.AnalysisContext;
import dev.faultlab.detect.Causes;
import dev.faultlab.detect.Detector;
import dev.faultlab.detect.Evidence;
import dev.faultlab.detect.Finding;
import dev.faultlab.detect.state.HostSnapshot;
import dev.faultlab.detect.state.CounterReading;
import dev.faultlab.detect.state.HostStates;
import dev.faultlab.detect.state.Listener;
import dev.faultlab.detect.tcp.ConversationSummary;
import dev.faultlab.detect.tcp.Endpoint;
import dev.faultlab.detect.tcp.Handshake;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The server's accept queue is full (the application does not accept fast enough for its backlog): the kernel
 * drops SYNs (or, with syncookies, completes handshakes for sockets that cannot be queued), so a share of
 * connects to a server that answers the others times out. With {@code tcp_abort_on_overflow=1} the client gets
 * a RST instead. Host state confirms it: the listener's Recv-Q above its Send-Q (the backlog) and
 * ListenOverflows/ListenDrops rising.
 */
public final class ListenOverflowDetector implements Detector {
    private static final List<String> OVERFLOW_COUNTERS = List.of("TcpExtListenOverflows", "TcpExtListenDrops",
            "TcpExtTCPReqQFullDrop", "TcpExtTCPReqQFullDoCookies", "TcpExtSyncookiesSent");
    /** A server RST this soon after its SYN-ACK answers the handshake's last ACK: abort_on_overflow. */
    private static final long ABORT_WINDOW_NANOS = 1_000_000_000L;
    private static final int KEPT = 1000;

    /** The packet-level signs for one server endpoint. */
    private static final class Signs {
        final List<ConversationSummary> unanswered = new ArrayList<>();
        final List<ConversationSummary> cookieOrphans = new ArrayList<>();
        final List<ConversationSummary> aborted = new ArrayList<>();

        int count() {
            return unanswered.size() + cookieOrphans.size() + aborted.size();
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
        return Set.of("backlog", "port", "server");
    }

    @Override
    public void onConversation(ConversationSummary c) {
        attempts.add(c);
        if (c.clientDataUnanswered()) {
            signs(c.server()).ifPresent(s -> s.cookieOrphans.add(c));
        } else if (c.handshake() == Handshake.ESTABLISHED && c.serverRst() != null && c.synAck() != null
                && c.packets() <= 6 && c.serverRst().epochNanos() - c.synAck().epochNanos() < ABORT_WINDOW_NANOS) {
            signs(c.server()).ifPresent(s -> s.aborted.add(c));
        }
    }

    private Optional<Signs> signs(Endpoint server) {
        Signs signs = byServer.get(server);
        if (signs == null && byServer.size() < KEPT) {
            signs = new Signs();
            byServer.put(server, signs);
        }
        return Optional.ofNullable(signs).filter(s -> s.count() < KEPT);
    }

    @Override
    public List<Finding> conclude(AnalysisContext context) {
        Set<InetAddress> timestampExplained = attempts.explainedByTimestamps().keySet();
        for (ConversationSummary c : context.handshakes().unanswered()) {
            if (!timestampExplained.contains(c.client().address())) {
                signs(c.server()).ifPresent(s -> s.unanswered.add(c));
            }
        }
        List<Finding> findings = new ArrayList<>();
        byServer.forEach((server, signs) -> diagnose(context, server, signs).ifPresent(findings::add));
        return findings;
    }

    private Optional<Finding> diagnose(AnalysisContext context, Endpoint server, Signs signs) {
        long answered = context.handshakes().establishedTo(server);
        boolean dropsWhileServing = !signs.unanswered.isEmpty() && answered > 0;
        boolean packetSign = dropsWhileServing || !signs.cookieOrphans.isEmpty() || signs.aborted.size() >= 2;
        FindingBuilder finding = new FindingBuilder(cause()).attribute("port", server.port())
                .attribute("server", server);
        boolean confirmed = stateEvidence(context.states(), server, finding);
        if (signs.count() == 0 || !packetSign && !confirmed) {
            return Optional.empty();
        }
        finding.confidence(packetSign ? 0.5 : 0.45).confirm(confirmed ? 0.4 : 0);
        signs.unanswered.stream().limit(4).forEach(c -> c.syns().forEach(s -> finding.evidence(Evidence.frame(
                c.capture(), s.ref(), c.flow(), "SYN to a listener that answers others, no SYN-ACK"))));
        signs.cookieOrphans.stream().limit(4).forEach(c -> finding.evidence(Evidence.frame(c.capture(), c.synAck(),
                c.flow(), "handshake completed (SYN-ACK), then the client's data is retransmitted and never"
                        + " acknowledged: no socket behind the handshake (syncookies with a full accept queue)")));
        signs.aborted.stream().limit(4).forEach(c -> finding.evidence(Evidence.frame(c.capture(), c.serverRst(),
                c.flow(), "server RST right after the handshake (tcp_abort_on_overflow=1)")));
        String failures = Texts.plural(signs.count(), "connect");
        long served = Math.max(0, answered - signs.aborted.size() - signs.cookieOrphans.size());
        List<String> ways = new ArrayList<>();
        if (!signs.unanswered.isEmpty()) {
            ways.add(signs.unanswered.size() + " had their SYNs retransmitted with no SYN-ACK");
        }
        if (!signs.cookieOrphans.isEmpty()) {
            ways.add(signs.cookieOrphans.size() + " completed a handshake by syncookies and then had their data"
                    + " ignored");
        }
        if (!signs.aborted.isEmpty()) {
            ways.add(signs.aborted.size() + " were reset right after the handshake");
        }
        finding.summary("Accept queue of the listener on " + server + " overflows: " + failures + " failed"
                        + (served > 0 ? " while " + served + " others were served" : ""))
                .explanation("The server answers some connects on " + server + " but not others: of " + failures
                        + ", " + String.join(", ", ways) + ". That is what a full accept queue does: the"
                        + " application accepts connections slower than they arrive (or its listen backlog is"
                        + " tiny), so the kernel drops new SYNs (ListenOverflows/ListenDrops) or, with"
                        + " tcp_abort_on_overflow=1, resets them. Clients see a small, steady share of "
                        + (signs.aborted.isEmpty() ? "connect timeouts." : "'connection reset by peer' errors."))
                .remediation("Make the application accept faster (more acceptor threads, no blocking work on the"
                        + " accept loop) and raise its listen backlog together with net.core.somaxconn and"
                        + " net.ipv4.tcp_max_syn_backlog; watch 'ss -ltn' (Recv-Q should stay below Send-Q) and"
                        + " 'nstat -az TcpExtListenOverflows'. Add replicas if the pod is simply saturated.");
        return Optional.of(finding.build());
    }

    /** Listener and counter evidence from the server's host (or any host with an overflowing listener). */
    private static boolean stateEvidence(HostStates states, Endpoint server, FindingBuilder finding) {
        boolean confirmed = false;
        List<HostSnapshot> candidates = new ArrayList<>();
        states.hostWithAddress(server.address()).ifPresent(candidates::add);
        if (candidates.isEmpty()) {
            candidates.addAll(states.latestHosts());
        }
        for (HostSnapshot host : candidates) {
            Optional<Listener> listener = host.listeners().stream().filter(l -> l.port() == server.port())
                    .findFirst().or(() -> host.listeners().stream().filter(Listener::acceptQueueFull).findFirst());
            long overflows = 0;
            for (String counter : OVERFLOW_COUNTERS) {
                CounterReading reading = states.counter(host.name(), counter);
                if (reading.positive()) {
                    overflows += reading.value();
                    finding.evidence(Evidence.state(host.name(), reading.file(), reading.describe()));
                }
            }
            if (listener.isPresent()) {
                Listener l = listener.get();
                finding.attribute("backlog", l.sendQ()).attribute("port", l.port());
                if (l.acceptQueueFull()) {
                    finding.evidence(Evidence.state(host.name(), "ss-ltn.txt", l.line() + "  (Recv-Q " + l.recvQ()
                            + " > Send-Q " + l.sendQ() + ": accept queue full)"));
                }
                confirmed |= l.acceptQueueFull();
            }
            confirmed |= overflows > 0;
            host.sysctl("net.ipv4.tcp_abort_on_overflow").filter("1"::equals).ifPresent(v -> finding.evidence(
                    Evidence.state(host.name(), "sysctl.txt", "net.ipv4.tcp_abort_on_overflow = 1")));
        }
        return confirmed;
    }
}

package dev.faultlab.reproduce;

import dev.faultlab.detect.Finding;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code listen-overflow}: the listener's port and backlog (Send-Q of its {@code ss -ltn} line, which the kernel
 * caps at {@code somaxconn}), the server's overflow sysctls, a first wave of clients that fills the accept queue up
 * to that backlog before the burst arrives, as the template does for its own backlog, and a burst as large as the
 * number of connects the customer's listener turned away.
 *
 * <p>The first wave goes a few clients at a time, not all at once: with the fault the server never accepts, so the
 * queue fills whatever the pace; without it (the baseline, and after {@code --verify-fix}'s remedy) the server
 * accepts at once, and at most a wave plus the burst are in flight together, far below the default backlog (128)
 * and few enough that the template's shaped server link answers each within the client's reply timeout. All at
 * once, a large backlog's wave overflowed that link's queue in the baseline and the fillers timed out.
 */
public final class ListenOverflowParameters implements CauseParameters {
    private static final List<String> SERVER_SYSCTLS = List.of("net.ipv4.tcp_abort_on_overflow",
            "net.ipv4.tcp_syncookies", "net.core.somaxconn");

    /**
     * Rounds the first wave may take: each is a handshake plus the filler's reply timeout (300 ms in the template),
     * and twelve stay well inside the fault's 10 s accept delay, so the queue is still full when the burst comes.
     */
    private static final int FIRST_WAVE_ROUNDS = 12;
    /**
     * The SYN queue's counters. They rise only when the half-open handshakes reach the backlog while the accept
     * queue still has room, i.e. when a burst lands just before the queue is full, within a few milliseconds of
     * SYN-ACK pacing: the same scenario run twice rose {@code TcpExtSyncookiesSent} and
     * {@code TcpExtTCPReqQFullDoCookies} in one run and not in the other (HiddenParameterRoundTripTest, seed
     * 42993278680861). The accept queue's own counters (ListenOverflows, ListenDrops) stay required.
     */
    private static final Set<String> SYN_QUEUE_COUNTERS = Set.of("TcpExtTCPReqQFullDoCookies",
            "TcpExtTCPReqQFullDrop", "TcpExtSyncookiesSent");
    /** The workload client's own limit on {@code --parallel}. */
    private static final int MAX_PARALLEL = 256;
    /** The largest burst the lab sends (a load loop stays bounded whatever the customer saw). */
    private static final int MAX_BURST = 64;
    /** Places left for the burst: the queue holds backlog + 1, the first wave takes backlog - 1. */
    private static final int QUEUE_ROOM_AFTER_WAVE = 2;

    @Override
    public String cause() {
        return "listen-overflow";
    }

    @Override
    public Set<String> arrivalTimingCounters() {
        return SYN_QUEUE_COUNTERS;
    }

    @Override
    public List<FilledValue> fill(Finding rootCause, CustomerEvidence evidence, ScenarioTemplate template) {
        List<FilledValue> values = new ArrayList<>();
        String port = rootCause.attributes().get("port");
        if (port != null) {
            int p = Integer.parseInt(port);
            String source = CustomerFacts.attribute(rootCause, "port") + " (the listener the handshakes fail on)";
            values.addAll(CustomerFacts.serverPort(template, p, source));
        }
        String backlog = rootCause.attributes().get("backlog");
        String server = CustomerFacts.hostQuoting(rootCause, "ss-ltn.txt")
                .or(() -> CustomerFacts.hostQuoting(rootCause, "nstat.txt")).orElse(null);
        if (backlog != null) {
            int b = Integer.parseInt(backlog);
            String source = (server == null ? "" : server + "/ss-ltn.txt: ") + "listener Send-Q " + b
                    + " (the effective backlog: listen()'s argument capped by net.core.somaxconn)";
            values.add(FilledValue.of("fault.params.backlog", b, source));
            values.add(FilledValue.of("expect.attributes.backlog", b, source));
            values.addAll(firstWave(template, b));
        }
        values.addAll(burst(rootCause, template));
        if (port != null) {
            values.add(FilledValue.of("expect.attributes.port", port, CustomerFacts.attribute(rootCause, "port")));
        }
        if (server != null) {
            values.addAll(CustomerFacts.sysctls(evidence, server, template.get("fault.params.host"),
                    template.count("sysctls"), SERVER_SYSCTLS));
        }
        return values;
    }

    /** backlog - 1 clients, at the template's pace unless that takes more than {@link #FIRST_WAVE_ROUNDS} rounds. */
    static List<FilledValue> firstWave(ScenarioTemplate template, int backlog) {
        int fill = Math.max(1, backlog - 1);
        int templateBacklog = Integer.parseInt(template.get("fault.params.backlog"));
        String templatePace = template.get("workload.clients[0].args.parallel");
        int pace = templatePace == null ? 1 : Integer.parseInt(templatePace);
        int parallel = Math.min(Math.min(fill, MAX_PARALLEL), Math.max(pace, (fill + FIRST_WAVE_ROUNDS - 1) / FIRST_WAVE_ROUNDS));
        String count = "backlog " + backlog + ": " + fill + " clients wait in the accept queue before the burst, as"
                + " the template's " + (templateBacklog - 1) + " do for its backlog " + templateBacklog;
        String pacing = fill + " clients " + parallel + " at a time (the template's first wave goes " + pace
                + " at a time; at most " + FIRST_WAVE_ROUNDS + " rounds): without the fault the server accepts at once,"
                + " so at most " + parallel + " plus the burst are in flight and the baseline cannot overflow";
        return List.of(FilledValue.of("workload.clients[0].args.count", fill, count),
                FilledValue.of("workload.clients[0].args.parallel", parallel, pacing));
    }

    /**
     * The burst (the template's second client) sized from the connects the customer's listener turned away: those
     * plus the {@link #QUEUE_ROOM_AFTER_WAVE} the queue still takes after the first wave.
     */
    private static List<FilledValue> burst(Finding rootCause, ScenarioTemplate template) {
        String affected = rootCause.attributes().get("affected");
        if (affected == null || template.get("workload.clients[1].args.count") == null) {
            return List.of();
        }
        int turnedAway = Integer.parseInt(affected);
        int burst = Math.min(MAX_BURST, turnedAway + QUEUE_ROOM_AFTER_WAVE);
        String source = CustomerFacts.attribute(rootCause, "affected") + " (connects turned away; the burst adds the "
                + QUEUE_ROOM_AFTER_WAVE + " the queue still takes after the first wave"
                + (burst < turnedAway + QUEUE_ROOM_AFTER_WAVE ? ", capped at " + MAX_BURST : "") + ")";
        return List.of(FilledValue.of("workload.clients[1].args.count", burst, source),
                FilledValue.of("workload.clients[1].args.parallel", burst, source));
    }
}

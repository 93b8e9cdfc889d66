package dev.faultlab.detect.detectors;

import dev.faultlab.detect.AnalysisContext;
import dev.faultlab.detect.Causes;
import dev.faultlab.detect.Detector;
import dev.faultlab.detect.Evidence;
import dev.faultlab.detect.Finding;
import dev.faultlab.detect.tcp.ConversationSummary;
import dev.faultlab.detect.tcp.Endpoint;
import dev.faultlab.detect.tcp.SynAttempt;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The symptom every connect-timeout incident shares: SYNs retransmitted and never answered by a SYN-ACK (or
 * answered by a SYN-ACK that never reached the client). Reported whenever present, with the candidate causes
 * to check; a root-cause detector's finding, if any, says which one it was.
 */
public final class SynUnansweredDetector implements Detector {
    private static final int CONNECTIONS_SHOWN = 4;

    @Override
    public String cause() {
        return Causes.SYN_UNANSWERED;
    }

    @Override
    public Set<String> attributes() {
        return Set.of("attempts", "destinations", "schedule");
    }

    @Override
    public List<Finding> conclude(AnalysisContext context) {
        List<ConversationSummary> failed = new ArrayList<>(context.handshakes().unanswered());
        List<ConversationSummary> lostSynAcks = context.handshakes().synAckLost().stream()
                .filter(c -> c.synCount() >= 2).toList();
        failed.addAll(lostSynAcks);
        if (failed.isEmpty()) {
            return List.of();
        }
        // most SYNs first (a stable sort); a lambda of this class, which the AppCDS archive keeps, where
        // Comparator.comparingInt(...).reversed() spun the JDK's own lambda classes on every start
        failed.sort((a, b) -> Integer.compare(b.synCount(), a.synCount()));
        // each server once: thousands of failed connects go to a few servers, and naming one formats its address
        Set<Endpoint> failedServers = new java.util.HashSet<>();
        failed.forEach(c -> failedServers.add(c.server()));
        Set<String> destinations = new TreeSet<>();
        Set<InetAddress> servers = new java.util.HashSet<>();
        failedServers.forEach(server -> {
            destinations.add(server.toString());
            servers.add(server.address());
        });
        long answeredElsewhere = context.handshakes().establishedServerAddresses().stream()
                .filter(a -> !servers.contains(a)).count();
        SynSchedule schedule = SynSchedule.of(failed.get(0).syns());
        FindingBuilder finding = new FindingBuilder(cause()).symptom()
                .summary(Texts.plural(failed.size(), "connection attempt") + " to " + Texts.list(destinations)
                        + " never completed: SYNs retransmitted with no SYN-ACK")
                .explanation(explanation(failed.size(), lostSynAcks.size(), schedule, answeredElsewhere))
                .remediation("Find which hop loses the SYN or the SYN-ACK: check the route to the destination"
                        + " pod CIDR on the sending node (ip route get <dst>) and its routing agent, the listener's"
                        + " accept queue on the server (ss -ltn: Recv-Q > Send-Q), the tunnel/VXLAN neighbor"
                        + " entries, firewall and NetworkPolicy drops. Capturing on both ends and passing host"
                        + " state (--state) lets faultlab name the cause.")
                .confidence(0.95)
                .confirmWith("ci/collect-node-state.sh on the client's and the server's nodes: ip-route.json (route"
                        + " to the destination), ss-ltn.txt and nstat.txt (accept queue, ListenOverflows),"
                        + " ip-neigh.json and bridge-fdb.json (VXLAN neighbors), iptables-save (filter drops)")
                .attribute("attempts", failed.size())
                .attribute("destinations", Texts.csv(destinations))
                .attribute("schedule", schedule.backoff().id);
        failed.stream().limit(CONNECTIONS_SHOWN).forEach(c -> addSyns(finding, c));
        return List.of(finding.build());
    }

    private static String explanation(int failed, int lostSynAcks, SynSchedule schedule, long answeredElsewhere) {
        StringBuilder s = new StringBuilder();
        s.append(Texts.plural(failed, "TCP connect")).append(" sent SYNs that were retransmitted without a SYN-ACK"
                + " reaching the client; the retransmissions came ").append(schedule.describe()).append(" apart, ")
                .append(schedule.backoff().meaning).append(". Applications see this as 'connect: connection timed"
                        + " out' or an upstream 504 once their own timeout fires.");
        if (lostSynAcks > 0) {
            s.append(" In ").append(lostSynAcks).append(" of them the server did answer with SYN-ACKs that never"
                    + " came back acknowledged: the return path is broken, not the forward one.");
        }
        if (answeredElsewhere > 0) {
            s.append(" Connects to ").append(answeredElsewhere).append(" other destination(s) succeeded in the"
                    + " same captures, so the client itself works.");
        }
        s.append(" Candidate causes: a missing route to the destination's pod CIDR (routing agent down), a full"
                + " listen queue on the server, a stale VXLAN neighbor/FDB entry, PAWS/timestamp rejection behind"
                + " NAT, or a firewall dropping the packets.");
        return s.toString();
    }

    private static void addSyns(FindingBuilder finding, ConversationSummary c) {
        List<SynAttempt> syns = c.syns();
        for (int i = 0; i < syns.size(); i++) {
            SynAttempt syn = syns.get(i);
            String what = i == 0 ? "SYN" : "SYN retransmission #" + i + ", "
                    + Texts.seconds(syn.ref().secondsAfter(syns.get(0).ref())) + " after the first";
            finding.evidence(Evidence.frame(c.capture(), syn.ref(), c.flow(), what + " (tcp.seq_raw " + syn.seq()
                    + ")"));
        }
        if (c.synAck() != null) {
            finding.evidence(Evidence.frame(c.capture(), c.synAck(), c.flow(), "SYN-ACK from the server ("
                    + c.synAckCount() + " in all), never acknowledged"));
        }
    }
}

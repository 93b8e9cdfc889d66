package dev.faultlab.detect.detectors;

import dev.faultlab.capture.read.Packet;
import dev.faultlab.capture.read.TcpHeader;
import dev.faultlab.detect.AnalysisContext;
import dev.faultlab.detect.Causes;
import dev.faultlab.detect.Detector;
import dev.faultlab.detect.Evidence;
import dev.faultlab.detect.Finding;
import dev.faultlab.detect.state.HostSnapshot;
import dev.faultlab.detect.tcp.Endpoint;
import dev.faultlab.detect.tcp.FrameRef;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bridged pod traffic bypasses iptables ({@code net.bridge.bridge-nf-call-iptables=0}): a pod's SYN to a Service
 * VIP is DNATed to a pod on the same bridge, but the reply is bridged straight back without being un-NATed, so
 * the client receives a SYN-ACK from the pod's IP instead of the VIP, does not recognise it and resets.
 */
public final class BridgeNetfilterOffDetector implements Detector {
    private static final int SYNS_KEPT = 20_000;
    private static final int MISMATCHES_KEPT = 100;

    /** A SYN waiting for its SYN-ACK, keyed by who must answer it with which ack number. */
    private record PendingKey(String capture, Endpoint client, long expectedAck) {
    }

    /** A SYN-ACK: who sent it, and where it is in the capture. */
    private record Answer(Endpoint from, FrameRef frame) {
    }

    /**
     * One connect attempt: the addresses its SYN was seen going to (before and after DNAT when the capture
     * sees both) and the SYN-ACKs that answered it, by sender address.
     */
    private static final class Attempt {
        final PendingKey key;
        final Set<InetAddress> destinations = new HashSet<>(2);
        final Map<InetAddress, Answer> answers = new LinkedHashMap<>(2);
        final int port;
        final FrameRef syn;

        Attempt(PendingKey key, int port, FrameRef syn) {
            this.key = key;
            this.port = port;
            this.syn = syn;
        }
    }

    /** A SYN-ACK from another address than the one the SYN was sent to, which itself never answered. */
    private record Mismatch(String capture, Endpoint client, InetAddress vip, int vipPort, Endpoint pod, FrameRef syn,
                            FrameRef synAck) {
    }

    private final LinkedHashMap<PendingKey, Attempt> attempts = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PendingKey, Attempt> eldest) {
            if (size() <= SYNS_KEPT) {
                return false;
            }
            examine(eldest.getValue());
            return true;
        }
    };
    private final List<Mismatch> mismatches = new ArrayList<>();
    private final Map<String, FrameRef> clientResets = new LinkedHashMap<>();

    @Override
    public String cause() {
        return Causes.BRIDGE_NETFILTER_OFF;
    }

    @Override
    public Set<String> attributes() {
        return Set.of("client", "node", "podIp", "vip");
    }

    @Override
    public void onPacket(String capture, Packet packet) {
        Packet p = packet.innermost();
        TcpHeader tcp = p.tcp();
        if (tcp == null || p.ip() == null) {
            return;
        }
        Endpoint source = new Endpoint(p.ip().source(), tcp.sourcePort());
        Endpoint destination = new Endpoint(p.ip().destination(), tcp.destinationPort());
        if (tcp.isSynOnly()) {
            PendingKey key = new PendingKey(capture, source, (tcp.seq() + 1) & 0xffffffffL);
            attempts.computeIfAbsent(key, k -> new Attempt(k, destination.port(), FrameRef.of(p)))
                    .destinations.add(destination.address());
        } else if (tcp.isSynAck()) {
            Attempt attempt = attempts.get(new PendingKey(capture, destination, tcp.ack()));
            if (attempt != null) {
                attempt.answers.putIfAbsent(source.address(), new Answer(source, FrameRef.of(p)));
            }
        } else if (tcp.isRst() && clientResets.size() < MISMATCHES_KEPT) {
            clientResets.putIfAbsent(capture + source + ">" + destination, FrameRef.of(p));
        }
    }

    /**
     * A mismatch: an address the SYN went to (the service VIP) never answered, while another address (the pod
     * behind it) did. A capture that sees both sides of a working DNAT also sees the VIP's own SYN-ACK.
     */
    private void examine(Attempt attempt) {
        if (attempt.answers.isEmpty() || mismatches.size() >= MISMATCHES_KEPT) {
            return;
        }
        attempt.destinations.stream().filter(d -> !attempt.answers.containsKey(d)).findFirst().ifPresent(silent -> {
            Answer other = attempt.answers.values().iterator().next();
            mismatches.add(new Mismatch(attempt.key.capture(), attempt.key.client(), silent, attempt.port,
                    other.from(), attempt.syn, other.frame()));
        });
    }

    @Override
    public List<Finding> conclude(AnalysisContext context) {
        attempts.values().forEach(this::examine);
        attempts.clear();
        if (mismatches.isEmpty()) {
            return List.of();
        }
        Mismatch first = mismatches.get(0);
        String vip = first.vip().getHostAddress() + ":" + first.vipPort();
        FindingBuilder finding = new FindingBuilder(cause()).confidence(0.7)
                .attribute("vip", vip).attribute("podIp", first.pod().address().getHostAddress())
                .attribute("client", first.client());
        for (Mismatch m : mismatches.subList(0, Math.min(4, mismatches.size()))) {
            String flow = m.client() + " > " + m.vip().getHostAddress() + ":" + m.vipPort();
            finding.evidence(Evidence.frame(m.capture(), m.syn(), flow, "SYN to the service address"));
            finding.evidence(Evidence.frame(m.capture(), m.synAck(), m.pod() + " > " + m.client(), "SYN-ACK comes"
                    + " back from the pod's own address, not un-NATed to the service address"));
            FrameRef reset = clientResets.get(m.capture() + m.client() + ">" + m.pod());
            if (reset != null) {
                finding.confirm(0.1).evidence(Evidence.frame(m.capture(), reset, m.client() + " > " + m.pod(),
                        "the client does not know this peer and resets"));
            }
        }
        for (HostSnapshot host : context.states().latestHosts()) {
            host.sysctl("net.bridge.bridge-nf-call-iptables").filter("0"::equals).ifPresent(v -> {
                finding.confirm(0.2).attribute("node", host.name());
                finding.evidence(Evidence.state(host.name(), "sysctl.txt", "net.bridge.bridge-nf-call-iptables = 0"));
            });
        }
        return List.of(finding.summary("Replies from pod " + first.pod().address().getHostAddress() + " to service "
                        + vip + " are not un-NATed: bridged traffic bypasses iptables"
                        + " (bridge-nf-call-iptables=0)")
                .explanation("A client sent its SYN to the service address " + vip + "; kube-proxy's DNAT sent it"
                        + " to pod " + first.pod() + ", but the pod's SYN-ACK came back with the pod's own address"
                        + " as source. On the same node, client and server pods share the cni0 bridge; with"
                        + " net.bridge.bridge-nf-call-iptables=0 bridged frames skip iptables, so conntrack never"
                        + " reverses the DNAT on the reply. The client sees a SYN-ACK from a stranger, answers RST"
                        + " and its connect to the service times out - only for pods on the same node as the"
                        + " backend.")
                .remediation("Load br_netfilter and set net.bridge.bridge-nf-call-iptables=1 (and"
                        + " bridge-nf-call-ip6tables=1) on every node, persistently (/etc/sysctl.d and"
                        + " /etc/modules-load.d); kubeadm's preflight checks for exactly this.")
                .build());
    }
}

package dev.faultlab.detect.detectors;

import dev.faultlab.capture.read.MacAddress;
import dev.faultlab.capture.read.Packet;
import dev.faultlab.capture.read.TcpHeader;
import dev.faultlab.detect.AnalysisContext;
import dev.faultlab.detect.Causes;
import dev.faultlab.detect.Detector;
import dev.faultlab.detect.Evidence;
import dev.faultlab.detect.Finding;
import dev.faultlab.detect.LookAlike;
import dev.faultlab.detect.PacketKind;
import dev.faultlab.detect.state.Cidr;
import dev.faultlab.detect.state.HostSnapshot;
import dev.faultlab.detect.tcp.Endpoint;
import dev.faultlab.detect.tcp.FrameRef;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bridged pod traffic bypasses iptables ({@code net.bridge.bridge-nf-call-iptables=0}): a pod's SYN to a Service
 * VIP is DNATed to a pod on the same bridge, but the reply is bridged straight back without being un-NATed, so
 * the client receives a SYN-ACK from the pod's IP instead of the VIP, does not recognise it and resets.
 * Its look-alike is any reply from another address (direct server return, a backend answering through another
 * router): one such SYN-ACK proves nothing, and a repeated one is this cause only when the reply was bridged on
 * the client's own segment (it comes from the pod's own MAC, not the gateway the SYN went to) or the node's
 * sysctl shows bridged traffic skipping iptables.
 */
public final class BridgeNetfilterOffDetector implements Detector {
    private static final int SYNS_KEPT = 20_000;
    private static final int MISMATCHES_KEPT = 100;
    /** One SYN-ACK from another address can be a stray or a DSR reply; a second one shows it repeats. */
    private static final int MIN_MISMATCHED_SYN_ACKS = 2;
    private static final int ADDRESSES_KEPT = 10_000;
    private static final int MACS_PER_ADDRESS = 4;
    /** Without host state, "same segment" is judged by the usual per-node pod subnet sizes. */
    private static final int IPV4_SEGMENT_PREFIX = 24;
    private static final int IPV6_SEGMENT_PREFIX = 64;

    /** A SYN-ACK from another address than the one the SYN was sent to, which itself never answered. */
    private record Mismatch(String capture, Endpoint client, InetAddress vip, int vipPort, Endpoint pod, FrameRef syn,
                            FrameRef synAck, MacAddress gatewayMac, MacAddress replyMac, int synAcks) {
    }

    private final PendingConnects attempts = new PendingConnects(SYNS_KEPT, this::examine);
    /**
     * The first {@value #MACS_PER_ADDRESS} distinct destination MACs of SYNs to one address, in fields: a SYN's
     * check reads this one object, where a set reached a table and a node (only membership is ever asked).
     */
    static final class AddressMacs {
        private long mac0;
        private long mac1;
        private long mac2;
        private long mac3;
        private int count;

        boolean contains(long mac) {
            return count > 0 && mac0 == mac || count > 1 && mac1 == mac || count > 2 && mac2 == mac
                    || count > 3 && mac3 == mac;
        }

        /** Adds {@code mac} unless it is here or {@value #MACS_PER_ADDRESS} are. */
        void add(long mac) {
            if (count == MACS_PER_ADDRESS || contains(mac)) {
                return;
            }
            if (count == 0) {
                mac0 = mac;
            } else if (count == 1) {
                mac1 = mac;
            } else if (count == 2) {
                mac2 = mac;
            } else {
                mac3 = mac;
            }
            count++;
        }
    }

    private final List<Mismatch> mismatches = new ArrayList<>();
    private final Map<String, FrameRef> clientResets = new LinkedHashMap<>();
    /**
     * The destination MACs of frames sent to each address (keyed by capture and address): a DNATed SYN shows
     * the pod's own MAC.
     */
    private final Map<AddressPair, AddressMacs> macsOfAddress = new HashMap<>();
    /** Reused for every SYN's lookup in {@link #macsOfAddress}, which stores copies. */
    private final AddressPair addressProbe = new AddressPair();

    @Override
    public String cause() {
        return Causes.BRIDGE_NETFILTER_OFF;
    }

    @Override
    public Set<String> attributes() {
        return Set.of("client", "node", "podIp", "strangerSynAcks", "vip");
    }

    /** Its packets are TCP: SYNs, SYN-ACKs and resets. */
    @Override
    public Set<PacketKind> interests() {
        return Set.of(PacketKind.TCP);
    }

    @Override
    public void onPacket(String capture, Packet packet) {
        Packet p = packet.innermost();
        TcpHeader tcp = p.tcp();
        if (tcp == null || p.ip() == null || !tcp.isSynOnly() && !tcp.isSynAck() && !tcp.isRst()) {
            return; // only handshakes and resets tell anything here: the rest of a connection costs nothing
        }
        // addresses and ports as they are: this runs for every connect (no Endpoint, key or lambda per SYN)
        InetAddress source = p.ip().source();
        InetAddress destination = p.ip().destination();
        MacAddress sourceMac = p.link() == null ? null : p.link().source();
        MacAddress destinationMac = p.link() == null ? null : p.link().destination();
        // SYNs suffice: the DNATed SYN to the backend is the frame that shows the backend's own MAC
        if (tcp.isSynOnly() && destinationMac != null) {
            AddressPair addressKey = addressProbe.set(capture, destination, null);
            AddressMacs macs = macsOfAddress.get(addressKey);
            if (macs == null && macsOfAddress.size() < ADDRESSES_KEPT) {
                macs = new AddressMacs();
                macsOfAddress.put(addressKey.copy(), macs);
            }
            if (macs != null) {
                macs.add(destinationMac.value());
            }
        }
        if (tcp.isSynOnly()) {
            attempts.sent(capture, source, tcp.sourcePort(), (tcp.seq() + 1) & 0xffffffffL, tcp.destinationPort(),
                    p.frame(), p.epochNanos(), destinationMac).sentTo(destination);
        } else if (tcp.isSynAck()) {
            PendingConnects.Attempt attempt = attempts.get(capture, destination, tcp.destinationPort(), tcp.ack());
            if (attempt != null) {
                attempt.answered(source, tcp.sourcePort(), p.frame(), p.epochNanos(), sourceMac);
            }
        } else if (tcp.isRst() && clientResets.size() < MISMATCHES_KEPT) {
            clientResets.putIfAbsent(capture + new Endpoint(source, tcp.sourcePort()) + ">"
                    + new Endpoint(destination, tcp.destinationPort()), FrameRef.of(p));
        }
    }

    /**
     * A mismatch: an address the SYN went to (the service VIP) never answered, while another address (the pod
     * behind it) did. A capture that sees both sides of a working DNAT also sees the VIP's own SYN-ACK.
     */
    private void examine(PendingConnects.Attempt attempt) {
        if (!attempt.answered() || mismatches.size() >= MISMATCHES_KEPT) {
            return;
        }
        InetAddress silent = attempt.silentDestination(); // a loop, not a stream: runs for every dropped connect
        if (silent != null) {
            mismatches.add(new Mismatch(attempt.capture, attempt.clientEndpoint(), silent, attempt.port,
                    attempt.answerFrom(), attempt.syn(), attempt.answer(), attempt.synDestinationMac,
                    attempt.answerMac(), attempt.answerSynAcks()));
        }
    }

    /**
     * Why the reply was bridged on the client's own segment rather than routed back: it carries another MAC than
     * the gateway the SYN went to, and that MAC is the backend's own (the capture shows frames to the backend
     * address with it) or the backend is in the client's subnet (host state's pod CIDR, else a /24 or /64).
     * Null when the facts are not there.
     */
    private String bridgedFact(Mismatch m, AnalysisContext context) {
        if (m.replyMac() == null || m.replyMac().equals(m.gatewayMac())) {
            return null;
        }
        String notGateway = "the SYN-ACK's source MAC " + m.replyMac() + (m.gatewayMac() == null ? ""
                : " is not the gateway " + m.gatewayMac() + " the SYN was sent to");
        AddressMacs podMacs = macsOfAddress.get(new AddressPair(m.capture(), m.pod().address(), null));
        if (podMacs != null && podMacs.contains(m.replyMac().value())) {
            return notGateway + " but the backend's own (frames to " + m.pod().address().getHostAddress()
                    + " carry it): bridged straight back";
        }
        if (m.gatewayMac() == null) {
            return null;
        }
        InetAddress client = m.client().address();
        InetAddress pod = m.pod().address();
        for (HostSnapshot host : context.states().latestHosts()) {
            Cidr cidr = Cidr.parseOrNull(host.info().podCidr());
            if (cidr != null && cidr.contains(client) && cidr.contains(pod)) {
                return notGateway + ", and client and backend share " + host.name() + "'s pod CIDR " + cidr
                        + ": bridged straight back";
            }
        }
        int prefix = client instanceof java.net.Inet6Address ? IPV6_SEGMENT_PREFIX : IPV4_SEGMENT_PREFIX;
        Cidr segment = Cidr.parseOrNull(client.getHostAddress() + "/" + prefix);
        return segment != null && segment.contains(pod) ? notGateway + ", and the backend is in the client's /"
                + prefix + ": bridged straight back" : null;
    }

    @Override
    public List<Finding> conclude(AnalysisContext context) {
        attempts.drain(this::examine);
        if (mismatches.isEmpty()) {
            return List.of();
        }
        Mismatch first = mismatches.get(0);
        String vip = first.vip().getHostAddress() + ":" + first.vipPort();
        int synAcks = mismatches.stream().mapToInt(Mismatch::synAcks).sum();
        FindingBuilder finding = new FindingBuilder(cause()).confidence(0.7)
                .lookAlikes(LookAlike.ASYMMETRIC_REPLY)
                .attribute("vip", vip).attribute("podIp", first.pod().address().getHostAddress())
                .attribute("client", first.client()).attribute("strangerSynAcks", synAcks);
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
        String sysctl = first.pod().address() instanceof java.net.Inet6Address
                ? "net.bridge.bridge-nf-call-ip6tables" : "net.bridge.bridge-nf-call-iptables";
        String nodeWithSysctlOff = null;
        for (HostSnapshot host : context.states().latestHosts()) {
            if (host.sysctl(sysctl).filter("0"::equals).isPresent()) {
                nodeWithSysctlOff = host.name();
                finding.confirm(0.2).attribute("node", host.name());
                finding.evidence(Evidence.state(host.name(), "sysctl.txt", sysctl + " = 0"));
            }
        }
        String bridged = bridgedFact(first, context);
        if (synAcks < MIN_MISMATCHED_SYN_ACKS) {
            finding.open(LookAlike.ASYMMETRIC_REPLY, "only " + synAcks + " SYN-ACK from another address: a single"
                    + " reply is no pattern (direct server return, a stray packet)");
        } else if (bridged != null) {
            finding.exclude(LookAlike.ASYMMETRIC_REPLY, synAcks + " SYN-ACKs came from the backend's address, and "
                    + bridged);
        } else if (nodeWithSysctlOff != null) {
            finding.exclude(LookAlike.ASYMMETRIC_REPLY, synAcks + " SYN-ACKs came from the backend's address, and "
                    + nodeWithSysctlOff + " has " + sysctl + " = 0: bridged replies skip the un-DNAT");
        } else {
            finding.open(LookAlike.ASYMMETRIC_REPLY, synAcks + " SYN-ACKs came from another address, but nothing"
                    + " shows the reply was bridged on the client's segment: a backend answering through another"
                    + " router looks the same");
        }
        finding.confirmWith("sysctl " + sysctl + " on the node running both pods (ci/collect-node-state.sh writes"
                + " sysctl.txt)");
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

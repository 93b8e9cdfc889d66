package dev.faultlab.detect;

import dev.faultlab.capture.testing.Frames;
import dev.faultlab.capture.testing.TcpConversation;
import dev.faultlab.capture.testing.TcpSegment;
import dev.faultlab.capture.testing.TestCapture;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Captures and host state modelled on the incidents in INCIDENTS.md, byte by byte, plus the near misses each
 * detector must not fire on. Addresses follow the lab's plan (nodes 192.168.100.1x, pod CIDRs 10.244.i.0/24).
 */
public final class IncidentCases {
    static final String BEFORE = "2026-01-01T00:00:00Z";
    static final String AFTER = "2026-01-01T00:05:00Z";
    private static final UnaryOperator<byte[]> ETHERNET = ip -> Frames.ethernet(Frames.MAC_A, Frames.MAC_B, ip);
    private static final Set<String> SYMPTOM = Set.of(Causes.SYN_UNANSWERED);

    private final Path dir;

    public IncidentCases(Path dir) {
        this.dir = dir;
    }

    /** Every case, positive and near miss, for the cross-matrix test. */
    public List<IncidentCase> all() {
        return List.of(routeMissing(true), routeMissing(false), routeMissingReturnPath(), routeMissingFailsFast(), tunnelMtuBlackhole(true),
                tunnelMtuBlackhole(false), pmtudWorks(), mtuProbingRecovers(), vxlanStaleNeighbor(true),
                vxlanStaleNeighbor(false), vxlanHealthy(), listenOverflow(true), listenOverflow(false), listenOverflowAbortAndCookies(), synFlood(),
                timewaitNodeSnat(), timewaitNatGateway(), timewaitExpired(), twRecycleBehindNat(),
                bridgeNetfilterOff(), bridgeNetfilterHealthy(), healthy());
    }

    private static void syns(TestCapture capture, TcpConversation c, UnaryOperator<byte[]> frame, double start,
                             double... gaps) {
        double t = start;
        capture.at(t, frame.apply(c.syn()));
        for (double gap : gaps) {
            t += gap;
            capture.at(t, frame.apply(c.syn()));
        }
    }

    public IncidentCase routeMissing(boolean withState) {
        TestCapture capture = TestCapture.ethernet();
        new TcpConversation("10.244.1.2", 40010, "10.244.3.2", 80, 100, 900).healthy(capture, 100, ETHERNET);
        syns(capture, new TcpConversation("10.244.1.2", 40001, "10.244.2.2", 80, 1000, 0), ETHERNET, 0,
                1000, 1000, 1000, 1000, 1000, 2000);
        syns(capture, new TcpConversation("10.244.1.2", 40002, "10.244.2.3", 80, 5000, 0), ETHERNET, 500,
                1000, 1000, 1000);
        String name = "route-missing" + (withState ? "" : "-packets-only");
        Path file = capture.writePcapng(dir.resolve(name + ".pcapng"));
        if (!withState) {
            // unanswered SYNs alone are the symptom of many causes: no root cause, a suspect at most
            return new IncidentCase(name, List.of(file), List.of(), null, Map.of(),
                    Set.of(Causes.SYN_UNANSWERED, Causes.ROUTE_MISSING));
        }
        List<Path> states = new ArrayList<>();
        for (String label : List.of("before", "after")) {
            boolean after = label.equals("after");
            StateFixture state = new StateFixture(dir.resolve(name + "-state/" + label), label,
                    after ? AFTER : BEFORE);
            List<String> routes = new ArrayList<>(List.of("default via 192.168.100.1 dev eth0",
                    "10.244.1.0/24 dev cni0 proto kernel", "10.244.3.0/24 via 192.168.100.13 dev eth0 proto 17",
                    "192.168.100.0/24 dev eth0 proto kernel"));
            if (!after) {
                routes.add("10.244.2.0/24 via 192.168.100.12 dev eth0 proto 17");
            }
            state.host("node-1").info("node", null, "192.168.100.11", "10.244.1.0/24")
                    .routes(routes.toArray(String[]::new))
                    .agent("gobgpd", true, Map.of("192.168.100.12", after ? "idle" : "established",
                            "192.168.100.13", "established"));
            state.host("node-2").info("node", null, "192.168.100.12", "10.244.2.0/24")
                    .agent("gobgpd", !after, Map.of());
            state.host("node-3").info("node", null, "192.168.100.13", "10.244.3.0/24");
            state.host("pod-1-a").info("pod", "node-1", null, null, "10.244.1.2");
            states.add(state.directory());
        }
        return new IncidentCase(name, List.of(file), states, Causes.ROUTE_MISSING,
                Map.of("node", "node-2", "podCidr", "10.244.2.0/24", "direction", "forward"), SYMPTOM);
    }

    /** Captured at the server's node: SYNs arrive, SYN-ACKs leave, nothing comes back (no return route). */
    public IncidentCase routeMissingReturnPath() {
        TestCapture capture = TestCapture.ethernet();
        TcpConversation c = new TcpConversation("10.244.1.2", 40001, "10.244.2.2", 80, 1000, 7000);
        for (int i = 0; i < 4; i++) {
            capture.at(i * 1000.0, ETHERNET.apply(c.syn())).at(i * 1000.0 + 1, ETHERNET.apply(c.synAck()));
        }
        Path file = capture.writePcapng(dir.resolve("route-missing-return.pcapng"));
        StateFixture state = new StateFixture(dir.resolve("route-missing-return-state"), "after", AFTER);
        state.host("node-2").info("node", null, "192.168.100.12", "10.244.2.0/24")
                .routes("default via 192.168.100.1 dev eth0", "10.244.2.0/24 dev cni0 proto kernel",
                        "10.244.3.0/24 via 192.168.100.13 dev eth0 proto 17");
        state.host("node-1").info("node", null, "192.168.100.11", "10.244.1.0/24");
        return new IncidentCase("route-missing-return", List.of(file), List.of(state.directory()),
                Causes.ROUTE_MISSING, Map.of("node", "node-1", "podCidr", "10.244.1.0/24", "direction", "return"),
                SYMPTOM);
    }

    /** Without a default route node-1 answers the SYN itself with ICMP net unreachable: connect fails at once. */
    public IncidentCase routeMissingFailsFast() {
        TestCapture capture = TestCapture.ethernet();
        new TcpConversation("10.244.1.2", 40010, "10.244.3.2", 80, 100, 900).healthy(capture, 0, ETHERNET);
        byte[] syn = new TcpConversation("10.244.1.2", 40001, "10.244.2.2", 80, 1000, 0).syn();
        capture.at(100, ETHERNET.apply(syn))
                .at(100.1, ETHERNET.apply(Frames.icmpError("10.244.1.1", "10.244.1.2", 3, 0, 0, syn)));
        Path file = capture.writePcapng(dir.resolve("route-missing-fast.pcapng"));
        StateFixture state = new StateFixture(dir.resolve("route-missing-fast-state"), "after", AFTER);
        state.host("node-1").info("node", null, "192.168.100.11", "10.244.1.0/24")
                .routes("10.244.1.0/24 dev cni0 proto kernel", "10.244.3.0/24 via 192.168.100.13 dev eth0 proto 17");
        state.host("node-2").info("node", null, "192.168.100.12", "10.244.2.0/24");
        state.host("pod-1-a").info("pod", "node-1", null, null, "10.244.1.2");
        return new IncidentCase("route-missing-fails-fast", List.of(file), List.of(state.directory()),
                Causes.ROUTE_MISSING, Map.of("node", "node-2", "podCidr", "10.244.2.0/24"), Set.of());
    }

    /**
     * The 001 capture: 4 bytes at seq 2879, then 1398 bytes (IP 1450, DF) that never arrive, then 1307 bytes
     * that are SACKed; the big segment is retransmitted with backoff.
     */
    private TcpConversation mtuPrelude(TestCapture capture) {
        TcpConversation c = new TcpConversation("192.168.100.100", 5000, "192.168.100.11", 30080, 2878, 40000)
                .timestamps(100000, 200000);
        capture.at(0, ETHERNET.apply(c.syn())).at(1, ETHERNET.apply(c.synAck()))
                .at(2, ETHERNET.apply(c.handshakeAck())).at(10, ETHERNET.apply(c.clientData(4)))
                .at(11, ETHERNET.apply(c.serverAck())).at(20, ETHERNET.apply(c.clientData(1398)))
                .at(21, ETHERNET.apply(c.clientData(1307)))
                .at(22, ETHERNET.apply(c.serverAckWithSack(2883, 4281, 5588)));
        return c;
    }

    private static void retransmitBigSegment(TestCapture capture, TcpConversation c) {
        for (double t : new double[]{220, 620, 1420, 3020}) {
            capture.at(t, ETHERNET.apply(c.clientDataAt(2883, 1398)))
                    .at(t + 1, ETHERNET.apply(c.serverAckWithSack(2883, 4281, 5588)));
        }
    }

    public IncidentCase tunnelMtuBlackhole(boolean withState) {
        TestCapture capture = TestCapture.ethernet();
        retransmitBigSegment(capture, mtuPrelude(capture));
        String name = "tunnel-mtu-blackhole" + (withState ? "" : "-packets-only");
        Path file = capture.writePcapng(dir.resolve(name + ".pcapng"));
        if (!withState) {
            return new IncidentCase(name, List.of(file), List.of(), Causes.TUNNEL_MTU_BLACKHOLE,
                    Map.of("segmentSize", "1450", "recovered", "false"), Set.of());
        }
        List<Path> states = new ArrayList<>();
        for (String label : List.of("before", "after")) {
            boolean after = label.equals("after");
            StateFixture state = new StateFixture(dir.resolve(name + "-state/" + label), label, after ? AFTER : BEFORE);
            state.host("node-1").info("node", null, "192.168.100.11", "10.244.1.0/24")
                    .link("eth0", "veth", 1500, "02:00:00:00:01:11", 0, 0)
                    .link("tunl0", "ipip", 1440, null, after ? 4 : 0, 0)
                    .nstat("IpFragFails", after ? 4 : 0);
            states.add(state.directory());
        }
        return new IncidentCase(name, List.of(file), states, Causes.TUNNEL_MTU_BLACKHOLE,
                Map.of("device", "tunl0", "mtu", "1440", "segmentSize", "1450"), Set.of());
    }

    /** ICMP fragmentation-needed reaches the sender, which re-segments at once: no finding. */
    public IncidentCase pmtudWorks() {
        TestCapture capture = TestCapture.ethernet();
        TcpConversation c = mtuPrelude(capture);
        byte[] big = c.clientDataAt(2883, 1398);
        capture.at(20.5, ETHERNET.apply(Frames.icmpFragmentationNeeded("192.168.100.1", "192.168.100.100", 1440,
                        big)))
                .at(23, ETHERNET.apply(c.clientDataAt(2883, 1376))).at(23.1, ETHERNET.apply(c.clientDataAt(4259, 22)))
                .at(24, ETHERNET.apply(c.serverAck()));
        return new IncidentCase("pmtud-works", List.of(capture.writePcapng(dir.resolve("pmtud-works.pcapng"))),
                List.of(), null, Map.of(), Set.of());
    }

    /** No ICMP, but tcp_mtu_probing resends the data smaller after ~3 s: reported as recovered. */
    public IncidentCase mtuProbingRecovers() {
        TestCapture capture = TestCapture.ethernet();
        TcpConversation c = mtuPrelude(capture);
        retransmitBigSegment(capture, c);
        capture.at(3200, ETHERNET.apply(c.clientDataAt(2883, 1000))).at(3201, ETHERNET.apply(c.clientDataAt(3883, 398)))
                .at(3202, ETHERNET.apply(c.serverAck()));
        return new IncidentCase("mtu-probing-recovers",
                List.of(capture.writePcapng(dir.resolve("mtu-probing-recovers.pcapng"))), List.of(),
                Causes.TUNNEL_MTU_BLACKHOLE, Map.of("recovered", "true", "segmentSize", "1450"), Set.of());
    }

    static final String NODE1_NEW_MAC = "0e:11:00:00:00:02";
    static final String NODE1_OLD_MAC = "0e:11:00:00:00:01";
    static final String NODE2_MAC = "0e:22:00:00:00:02";
    static final String NODE3_MAC = "0e:33:00:00:00:03";

    /** Frames between a pod on node-1 and a pod elsewhere, each direction with its own VTEPs and inner MACs. */
    private static UnaryOperator<byte[]> vxlanPath(String clientVtep, String serverVtep, String clientMac,
                                                   String serverMac, String macServerSendsTo) {
        return ip -> {
            boolean fromClient = (ip[12] & 0xff) == 10 && (ip[14] & 0xff) == 1;
            byte[] inner = fromClient ? Frames.ethernet(clientMac, serverMac, ip)
                    : Frames.ethernet(serverMac, macServerSendsTo, ip);
            return Frames.ethernet(Frames.MAC_A, Frames.MAC_B, Frames.vxlan(fromClient ? clientVtep : serverVtep,
                    fromClient ? serverVtep : clientVtep, 8472, 1, inner));
        };
    }

    private TestCapture vxlanCapture(String macNode3SendsTo, boolean node3Answers) {
        TestCapture capture = TestCapture.ethernet();
        new TcpConversation("10.244.1.2", 41000, "10.244.2.2", 53, 100, 900).healthy(capture, 0,
                vxlanPath("192.168.100.11", "192.168.100.12", NODE1_NEW_MAC, NODE2_MAC, NODE1_NEW_MAC));
        UnaryOperator<byte[]> toNode3 = vxlanPath("192.168.100.11", "192.168.100.13", NODE1_NEW_MAC, NODE3_MAC,
                macNode3SendsTo);
        TcpConversation c = new TcpConversation("10.244.1.2", 41001, "10.244.3.2", 53, 300, 700);
        if (node3Answers) {
            return c.healthy(capture, 100, toNode3);
        }
        for (int i = 0; i < 4; i++) {
            capture.at(100 + i * 1000.0, toNode3.apply(c.syn())).at(101 + i * 1000.0, toNode3.apply(c.synAck()));
        }
        return capture;
    }

    public IncidentCase vxlanStaleNeighbor(boolean withState) {
        String name = "vxlan-stale-neighbor" + (withState ? "" : "-packets-only");
        Path file = vxlanCapture(NODE1_OLD_MAC, false).writePcapng(dir.resolve(name + ".pcapng"));
        if (!withState) {
            return new IncidentCase(name, List.of(file), List.of(), Causes.VXLAN_STALE_NEIGHBOR,
                    Map.of("node", "192.168.100.11", "staleMac", NODE1_OLD_MAC, "actualMac", NODE1_NEW_MAC,
                            "staleOn", "192.168.100.13"), SYMPTOM);
        }
        List<Path> states = new ArrayList<>();
        for (String label : List.of("before", "after")) {
            boolean after = label.equals("after");
            StateFixture state = new StateFixture(dir.resolve(name + "-state/" + label), label, after ? AFTER : BEFORE);
            state.host("node-1").info("node", null, "192.168.100.11", "10.244.1.0/24")
                    .link("flannel.1", "vxlan", 1450, NODE1_NEW_MAC, 0, after ? 4 : 0)
                    .routes("10.244.3.0/24 via 10.244.3.0 dev flannel.1", "10.244.2.0/24 via 10.244.2.0 dev flannel.1");
            state.host("node-2").info("node", null, "192.168.100.12", "10.244.2.0/24")
                    .link("flannel.1", "vxlan", 1450, NODE2_MAC, 0, 0)
                    .neighbors("10.244.1.0 flannel.1 " + NODE1_NEW_MAC + " PERMANENT");
            state.host("node-3").info("node", null, "192.168.100.13", "10.244.3.0/24")
                    .link("flannel.1", "vxlan", 1450, NODE3_MAC, 0, 0)
                    .routes("10.244.1.0/24 via 10.244.1.0 dev flannel.1", "10.244.2.0/24 via 10.244.2.0 dev flannel.1")
                    .neighbors("10.244.1.0 flannel.1 " + NODE1_OLD_MAC + " PERMANENT",
                            "10.244.2.0 flannel.1 " + NODE2_MAC + " PERMANENT")
                    .fdb(NODE1_OLD_MAC, "flannel.1", "192.168.100.11");
            states.add(state.directory());
        }
        return new IncidentCase(name, List.of(file), states, Causes.VXLAN_STALE_NEIGHBOR,
                Map.of("node", "node-1", "staleMac", NODE1_OLD_MAC, "actualMac", NODE1_NEW_MAC, "staleOn", "node-3"),
                SYMPTOM);
    }

    public IncidentCase vxlanHealthy() {
        Path file = vxlanCapture(NODE1_NEW_MAC, true).writePcapng(dir.resolve("vxlan-healthy.pcapng"));
        return new IncidentCase("vxlan-healthy", List.of(file), List.of(), null, Map.of(), Set.of());
    }

    public IncidentCase listenOverflow(boolean withState) {
        TestCapture capture = TestCapture.ethernet();
        long[] servedTs = {500_000, 100, 900_000, 3_000, 700_000, 50};
        for (int i = 0; i < servedTs.length; i++) {
            new TcpConversation("10.244.1.2", 42000 + i, "10.244.2.5", 10086, 1000L * i, 50_000L * i)
                    .timestamps(servedTs[i], 1_000 + i).healthy(capture, 300.0 * i, ETHERNET);
        }
        long[] droppedTs = {800_000, 10, 600_000};
        for (int i = 0; i < droppedTs.length; i++) {
            TcpConversation c = new TcpConversation("10.244.1.2", 43000 + i, "10.244.2.5", 10086, 7000L * i, 0)
                    .timestamps(droppedTs[i], 0);
            syns(capture, c, ETHERNET, 650 + 300.0 * i, 1000, 1000, 1000);
        }
        String name = "listen-overflow" + (withState ? "" : "-packets-only");
        Path file = capture.writePcapng(dir.resolve(name + ".pcapng"));
        if (!withState) {
            // SYNs never answered while others are served: a stale endpoint or a filter looks the same without
            // the server's state, so a suspect at most
            return new IncidentCase(name, List.of(file), List.of(), null, Map.of(),
                    Set.of(Causes.SYN_UNANSWERED, Causes.LISTEN_OVERFLOW));
        }
        List<Path> states = new ArrayList<>();
        for (String label : List.of("before", "after")) {
            boolean after = label.equals("after");
            StateFixture state = new StateFixture(dir.resolve(name + "-state/" + label), label, after ? AFTER : BEFORE);
            state.host("pod-2-c").info("pod", "node-2", null, null, "10.244.2.5")
                    .text("ss-ltn.txt", "State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess",
                            "LISTEN " + (after ? 2 : 0) + "      1            0.0.0.0:10086      0.0.0.0:*")
                    .nstat("TcpExtListenOverflows", after ? 3 : 0, "TcpExtListenDrops", after ? 3 : 0);
            states.add(state.directory());
        }
        return new IncidentCase(name, List.of(file), states, Causes.LISTEN_OVERFLOW,
                Map.of("port", "10086", "backlog", "1"), SYMPTOM);
    }

    /**
     * The other two faces of a full accept queue: with tcp_abort_on_overflow=1 the server resets right after the
     * handshake; with syncookies the handshake completes and the client's data goes unanswered.
     */
    public IncidentCase listenOverflowAbortAndCookies() {
        TestCapture capture = TestCapture.ethernet();
        for (int i = 0; i < 3; i++) {
            new TcpConversation("10.244.1.2", 42000 + i, "10.244.2.5", 10086, 1000L * i, 50_000L * i)
                    .healthy(capture, 100.0 * i, ETHERNET);
        }
        for (int i = 0; i < 2; i++) {
            TcpConversation c = new TcpConversation("10.244.1.2", 43000 + i, "10.244.2.5", 10086, 7000L * i, 900);
            double t = 400 + 100.0 * i;
            byte[] reset = Frames.tcp("10.244.2.5", 10086, "10.244.1.2", 43000 + i).flags(TcpSegment.RST).seq(901)
                    .ip();
            capture.at(t, ETHERNET.apply(c.syn())).at(t + 1, ETHERNET.apply(c.synAck()))
                    .at(t + 2, ETHERNET.apply(c.handshakeAck())).at(t + 3, ETHERNET.apply(c.clientData(4)))
                    .at(t + 50, ETHERNET.apply(reset));
        }
        TcpConversation orphan = new TcpConversation("10.244.1.2", 44000, "10.244.2.5", 10086, 123, 456);
        long seq = orphan.clientNext();
        capture.at(700, ETHERNET.apply(orphan.syn())).at(701, ETHERNET.apply(orphan.synAck()))
                .at(702, ETHERNET.apply(orphan.handshakeAck())).at(703, ETHERNET.apply(orphan.clientData(100)))
                .at(910, ETHERNET.apply(orphan.clientDataAt(seq, 100)))
                .at(1320, ETHERNET.apply(orphan.clientDataAt(seq, 100)));
        Path file = capture.writePcapng(dir.resolve("listen-overflow-abort.pcapng"));
        StateFixture state = new StateFixture(dir.resolve("listen-overflow-abort-state"), "after", AFTER);
        state.host("pod-2-c").info("pod", "node-2", null, null, "10.244.2.5")
                .text("sysctl.txt", "net.ipv4.tcp_abort_on_overflow = 1", "net.ipv4.tcp_syncookies = 1")
                .nstat("TcpExtListenOverflows", 3, "TcpExtTCPReqQFullDoCookies", 1);
        return new IncidentCase("listen-overflow-abort-and-cookies", List.of(file), List.of(state.directory()),
                Causes.LISTEN_OVERFLOW, Map.of("port", "10086"), Set.of());
    }

    /** A SYN flood from many (spoofed) sources, each SYN sent once and answered: nothing to report. */
    public IncidentCase synFlood() {
        TestCapture capture = TestCapture.ethernet();
        for (int i = 0; i < 100; i++) {
            TcpConversation c = new TcpConversation("198.18." + (i / 50) + "." + (i % 50 + 1), 1024 + i * 7,
                    "10.244.2.5", 10086, 31L * i, 77L * i);
            capture.at(i, ETHERNET.apply(c.syn())).at(i + 0.5, ETHERNET.apply(c.synAck()))
                    .at(i + 1000.5, ETHERNET.apply(c.synAck()));
        }
        return new IncidentCase("syn-flood", List.of(capture.writePcapng(dir.resolve("syn-flood.pcapng"))), List.of(),
                null, Map.of(), Set.of());
    }

    /**
     * Node SNAT reuses 192.168.100.11:40001 toward pod 10.244.1.5:8080 half a second after the previous connection
     * on that tuple closed (pod in TIME_WAIT); the new SYN has a lower TSval and is answered by a bare ACK.
     */
    private TestCapture timewaitCapture(boolean withNodePort, double reuseAfterMillis, boolean rejected) {
        TestCapture capture = TestCapture.ethernet();
        if (withNodePort) {
            new TcpConversation("192.168.100.100", 50000, "192.168.100.11", 30080, 11, 22).healthy(capture, 0, ETHERNET);
        }
        TcpConversation old = new TcpConversation("192.168.100.11", 40001, "10.244.1.5", 8080, 1000, 9000)
                .timestamps(500_000, 70_000);
        old.healthy(capture, 10, ETHERNET);
        double t = 20 + reuseAfterMillis;
        TcpConversation reuse = new TcpConversation("192.168.100.11", 40001, "10.244.1.5", 8080, 2000, 19000)
                .timestamps(100, 80_000);
        capture.at(t, ETHERNET.apply(reuse.syn()));
        if (!rejected) {
            return reuse.healthy(capture, t + 1, ETHERNET);
        }
        byte[] bareAck = Frames.tcp("10.244.1.5", 8080, "192.168.100.11", 40001).seq(old.serverNext())
                .ack(old.clientNext()).timestamps(70_100, old.clientTs() - 1).ip();
        capture.at(t + 1, ETHERNET.apply(bareAck)).at(t + 2, ETHERNET.apply(reuse.clientRst(old.clientNext())));
        TcpConversation retry = new TcpConversation("192.168.100.11", 40001, "10.244.1.5", 8080, 3000, 29000)
                .timestamps(1_100, 90_000);
        return retry.healthy(capture, t + 1000, ETHERNET);
    }

    public IncidentCase timewaitNodeSnat() {
        Path file = timewaitCapture(true, 500, true).writePcapng(dir.resolve("timewait-node-snat.pcapng"));
        return new IncidentCase("timewait-node-snat", List.of(file), List.of(), Causes.TIMEWAIT_SYN_REJECTED,
                Map.of("source", "node-snat", "paws", "true"), Set.of());
    }

    public IncidentCase timewaitNatGateway() {
        Path file = timewaitCapture(false, 500, true).writePcapng(dir.resolve("timewait-nat-gateway.pcapng"));
        return new IncidentCase("timewait-nat-gateway", List.of(file), List.of(), Causes.TIMEWAIT_SYN_REJECTED,
                Map.of("source", "nat-gateway", "paws", "true"), Set.of());
    }

    /** The port is reused 70 s later, after TIME_WAIT expired: the SYN is answered normally. */
    public IncidentCase timewaitExpired() {
        Path file = timewaitCapture(true, 70_000, false).writePcapng(dir.resolve("timewait-expired.pcapng"));
        return new IncidentCase("port-reused-after-timewait", List.of(file), List.of(), null, Map.of(), Set.of());
    }

    /**
     * Two hosts behind one NAT IP with very different timestamp clocks; a tcp_tw_recycle server drops the SYNs of
     * the "slow" host whenever the fast host's connection closed just before.
     */
    public IncidentCase twRecycleBehindNat() {
        TestCapture capture = TestCapture.ethernet();
        String nat = "203.0.113.7";
        String server = "198.51.100.10";
        new TcpConversation(nat, 30001, server, 80, 10, 20).timestamps(1_000_000, 1).healthy(capture, 0, ETHERNET);
        syns(capture, new TcpConversation(nat, 30002, server, 80, 30, 0).timestamps(5_000, 0), ETHERNET, 100,
                1000, 1000, 1000);
        new TcpConversation(nat, 30003, server, 80, 50, 60).timestamps(1_000_300, 1).healthy(capture, 200, ETHERNET);
        syns(capture, new TcpConversation(nat, 30004, server, 80, 70, 0).timestamps(5_400, 0), ETHERNET, 300,
                1000, 1000, 1000);
        new TcpConversation(nat, 30005, server, 80, 90, 95).timestamps(1_000_600, 1).healthy(capture, 4000, ETHERNET);
        return new IncidentCase("tw-recycle-behind-nat",
                List.of(capture.writePcapng(dir.resolve("tw-recycle.pcapng"))), List.of(),
                Causes.TIMEWAIT_SYN_REJECTED, Map.of("variant", "tcp_tw_recycle", "paws", "true"), SYMPTOM);
    }

    public IncidentCase bridgeNetfilterOff() {
        TestCapture capture = TestCapture.ethernet();
        TcpConversation c = new TcpConversation("10.244.1.2", 40000, "10.96.0.10", 80, 5000, 0);
        for (int i = 0; i < 2; i++) {
            double t = i * 1000.0;
            byte[] synAck = Frames.tcp("10.244.1.3", 8080, "10.244.1.2", 40000).flags(TcpSegment.SYN | TcpSegment.ACK)
                    .seq(8000).ack(5001).mss(1460).ip();
            byte[] reset = Frames.tcp("10.244.1.2", 40000, "10.244.1.3", 8080).flags(TcpSegment.RST).seq(5001).ip();
            capture.at(t, ETHERNET.apply(c.syn())).at(t + 1, ETHERNET.apply(synAck)).at(t + 2, ETHERNET.apply(reset));
        }
        Path file = capture.writePcapng(dir.resolve("bridge-nf-off.pcapng"));
        StateFixture state = new StateFixture(dir.resolve("bridge-nf-off-state"), "after", AFTER);
        state.host("node-1").info("node", null, "192.168.100.11", "10.244.1.0/24")
                .text("sysctl.txt", "net.bridge.bridge-nf-call-iptables = 0", "net.ipv4.ip_forward = 1");
        return new IncidentCase("bridge-netfilter-off", List.of(file), List.of(state.directory()),
                Causes.BRIDGE_NETFILTER_OFF, Map.of("vip", "10.96.0.10:80", "podIp", "10.244.1.3", "node", "node-1"),
                SYMPTOM);
    }

    /** A capture on "any" of a working DNAT: both the service and the pod address are seen, both answer. */
    public IncidentCase bridgeNetfilterHealthy() {
        TestCapture capture = TestCapture.ethernet();
        TcpConversation viaVip = new TcpConversation("10.244.1.2", 40000, "10.96.0.10", 80, 5000, 8000);
        TcpConversation toPod = new TcpConversation("10.244.1.2", 40000, "10.244.1.3", 8080, 5000, 8000);
        capture.at(0, ETHERNET.apply(viaVip.syn())).at(0.1, ETHERNET.apply(toPod.syn()))
                .at(0.2, ETHERNET.apply(toPod.synAck())).at(0.3, ETHERNET.apply(viaVip.synAck()))
                .at(0.4, ETHERNET.apply(viaVip.handshakeAck())).at(0.5, ETHERNET.apply(toPod.handshakeAck()));
        return new IncidentCase("service-dnat-healthy",
                List.of(capture.writePcapng(dir.resolve("dnat-healthy.pcapng"))), List.of(), null, Map.of(), Set.of());
    }

    /** Ordinary traffic: connections over IPv4 and IPv6, ARP, ping, DNS. */
    public IncidentCase healthy() {
        TestCapture capture = TestCapture.ethernet();
        for (int i = 0; i < 5; i++) {
            new TcpConversation("10.244.1." + (2 + i), 45000 + i, "10.244." + (2 + i % 2) + ".9", 443, 10L * i, 99L * i)
                    .timestamps(1000L * i, 5000L * i).healthy(capture, 20.0 * i, ETHERNET);
        }
        new TcpConversation("fd00::2", 45100, "fd00::9", 80, 1, 2).healthy(capture, 200, ETHERNET);
        capture.at(300, Frames.arp(1, Frames.MAC_A, "10.244.1.2", "00:00:00:00:00:00", "10.244.1.1"))
                .at(301, ETHERNET.apply(Frames.udp("10.244.1.2", 5353, "10.96.0.10", 53, new byte[30])));
        return new IncidentCase("healthy", List.of(capture.writePcapng(dir.resolve("healthy.pcapng"))), List.of(), null,
                Map.of(), Set.of());
    }
}

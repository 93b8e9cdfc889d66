package dev.faultlab.scenario.report;

import dev.faultlab.topology.ClientInfo;
import dev.faultlab.topology.ClusterLayout;
import dev.faultlab.topology.Datapath;
import dev.faultlab.topology.ExternalTrafficPolicy;
import dev.faultlab.topology.NodeInfo;
import dev.faultlab.topology.PodInfo;
import dev.faultlab.topology.ServiceInfo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A two-node lab and the packets of a tunnel-MTU blackhole as three capture points saw them, for report tests. */
final class LabFixtures {
    static final Instant T0 = Instant.parse("2026-11-22T00:10:00Z");
    static final String CLIENT = "192.168.100.100";
    static final String NODE1 = "192.168.100.11";
    static final String POD = "10.244.2.2";

    private LabFixtures() {
    }

    static ClusterLayout layout() {
        return new ClusterLayout("flt3st", "netns", Datapath.IPIP,
                List.of(new NodeInfo("node-1", NODE1, "10.244.1.0/24", "tunl0"),
                        new NodeInfo("node-2", "192.168.100.12", "10.244.2.0/24", "tunl0")),
                List.of(new PodInfo("pod-1-a", "node-1", "10.244.1.2"), new PodInfo("pod-2-a", "node-2", POD)),
                List.of(new ClientInfo("client", CLIENT)),
                List.of(new ServiceInfo("web", "10.96.0.10", 80, 30080, "tcp", ExternalTrafficPolicy.CLUSTER,
                        List.of("pod-2-a"), 8080)),
                Map.of("tunl0", "vxlan stand-in (kernel has no ipip)"));
    }

    /**
     * Client → NodePort on node-1 (SNAT to node-1:5000) → pod-2-a. The handshake gets through; the 1398-byte DF
     * segment is seen at the client and node-1 but never at the pod, is retransmitted, and the pod SACKs the
     * segment after it.
     */
    static List<Observation> mtuBlackhole() {
        return List.of(
                client(1, 0, "SYN", 1000, 0, 0),
                node1(1, 1, "SYN", 1000, 0, 0),
                pod(1, 2, NODE1, 5000, POD, 8080, "SYN", 1000, 0, 0, List.of()),
                pod(2, 3, POD, 8080, NODE1, 5000, "SYN,ACK", 9000, 1001, 0, List.of()),
                client(2, 5, CLIENT, 40000, NODE1, 30080, "SYN,ACK", 9000, 1001, 0, true),
                client(3, 6, "ACK", 1001, 9001, 0),
                node1(2, 7, "ACK", 1001, 9001, 0),
                pod(3, 8, NODE1, 5000, POD, 8080, "ACK", 1001, 9001, 0, List.of()),
                client(4, 10, "PSH,ACK", 1001, 9001, 1398),
                node1(3, 11, "PSH,ACK", 1001, 9001, 1398),
                client(5, 12, "PSH,ACK", 2399, 9001, 1307),
                node1(4, 13, "PSH,ACK", 2399, 9001, 1307),
                pod(4, 14, NODE1, 5000, POD, 8080, "PSH,ACK", 2399, 9001, 1307, List.of()),
                pod(5, 15, POD, 8080, NODE1, 5000, "ACK", 9001, 1001, 0,
                        List.of(new Observation.SackRange(2399, 3706))),
                new Observation("client", "client-eth0.pcapng", 6, T0.plusMillis(17), NODE1, 30080, CLIENT, 40000,
                        "ACK", 9001, 1001, 0, true, List.of(new Observation.SackRange(2399, 3706))),
                client(7, 220, "PSH,ACK", 1001, 9001, 1398),
                node1(5, 221, "PSH,ACK", 1001, 9001, 1398));
    }

    private static Observation client(long frame, long millis, String flags, long seq, long ack, int len) {
        return client(frame, millis, CLIENT, 40000, NODE1, 30080, flags, seq, ack, len, false);
    }

    private static Observation client(long frame, long millis, String src, int sport, String dst, int dport,
                                      String flags, long seq, long ack, int len, boolean reverse) {
        return reverse
                ? new Observation("client", "client-eth0.pcapng", frame, T0.plusMillis(millis), dst, dport, src,
                sport, flags, seq, ack, len, true, List.of())
                : new Observation("client", "client-eth0.pcapng", frame, T0.plusMillis(millis), src, sport, dst,
                dport, flags, seq, ack, len, true, List.of());
    }

    private static Observation node1(long frame, long millis, String flags, long seq, long ack, int len) {
        return new Observation("node-1", "node-1-eth0.pcapng", frame, T0.plusMillis(millis), CLIENT, 40000,
                NODE1, 30080, flags, seq, ack, len, true, List.of());
    }

    private static Observation pod(long frame, long millis, String src, int sport, String dst, int dport,
                                   String flags, long seq, long ack, int len, List<Observation.SackRange> sack) {
        return new Observation("pod-2-a", "pod-2-a-eth0.pcapng", frame, T0.plusMillis(millis), src, sport, dst,
                dport, flags, seq, ack, len, true, sack);
    }
}

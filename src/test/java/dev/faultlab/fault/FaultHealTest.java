package dev.faultlab.fault;

import dev.faultlab.backend.Cluster;
import dev.faultlab.backend.ExecResult;
import dev.faultlab.backend.LabProcess;
import dev.faultlab.backend.NodeAgent;
import dev.faultlab.capture.CaptureRequest;
import dev.faultlab.capture.LiveCapture;
import dev.faultlab.scenario.ScenarioCatalog;
import dev.faultlab.topology.ClientInfo;
import dev.faultlab.topology.ClusterLayout;
import dev.faultlab.topology.Datapath;
import dev.faultlab.topology.NodeInfo;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each heal that applies a finding's remedy does to the lab, on a cluster that records commands (the lab round
 * trips in {@code HiddenParameterRoundTripTest} show the clients succeeding afterwards): it undoes exactly what the
 * fault did, and nothing the fault did not touch.
 */
class FaultHealTest {
    /** Records every command; answers iptables-save and sysctl reads with the given text. */
    private static final class RecordingCluster implements Cluster {
        final List<String> commands = new ArrayList<>();
        private final Map<String, String> answers;

        RecordingCluster(Map<String, String> answers) {
            this.answers = answers;
        }

        @Override
        public ClusterLayout layout() {
            return new ClusterLayout("fltest", "netns", Datapath.IPIP,
                    List.of(new NodeInfo("node-1", "192.168.100.11", "10.244.1.0/24", "tunl0"),
                            new NodeInfo("node-2", "192.168.100.12", "10.244.2.0/24", "tunl0")),
                    List.of(), List.of(new ClientInfo("client", "192.168.100.100")), List.of(), Map.of());
        }

        @Override
        public ExecResult exec(String host, List<String> argv, Duration timeout) {
            commands.add(host + ": " + String.join(" ", argv));
            return new ExecResult(argv, 0, answers.getOrDefault(argv.get(0), ""), "");
        }

        @Override
        public LabProcess start(String host, List<String> argv) {
            throw new UnsupportedOperationException();
        }

        @Override
        public NodeAgent agent(String node) {
            throw new UnsupportedOperationException();
        }

        @Override
        public LiveCapture capture(String host, CaptureRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }

    private record Restart(String host, int port, Map<String, String> overrides) {
    }

    private static FaultContext context(Cluster cluster, List<Restart> restarts) {
        return new FaultContext(cluster, (host, port, overrides) -> restarts.add(new Restart(host, port, overrides)),
                line -> { }, (key, value) -> { });
    }

    /** So {@code reproduce --verify-fix} can show the fix for every cause a built-in scenario reproduces. */
    @Test
    void everyFaultOfTheBuiltInScenariosHeals() {
        List<String> faults = ScenarioCatalog.loadDefault().all().stream().filter(s -> s.fault() != null)
                .map(s -> s.fault().name()).distinct().toList();
        assertThat(faults).hasSizeGreaterThanOrEqualTo(6);
        FaultRegistry registry = FaultRegistry.load();
        assertThat(faults).allSatisfy(f -> assertThat(registry.named(f).heals()).as(f).isTrue());
    }

    @Test
    void bridgeNetfilterComesBackOnTheFaultsNode() {
        RecordingCluster cluster = new RecordingCluster(Map.of());
        BridgeNetfilterOff fault = new BridgeNetfilterOff();
        fault.inject(context(cluster, new ArrayList<>()), new BridgeNetfilterOff.Params("node-1"));
        fault.heal(context(cluster, new ArrayList<>()), new BridgeNetfilterOff.Params("node-1"));
        assertThat(cluster.commands).containsExactly("node-1: sysctl -w net.bridge.bridge-nf-call-iptables=0",
                "node-1: sysctl -w net.bridge.bridge-nf-call-iptables=1");
    }

    @Test
    void theServerComesBackAcceptingAtOnceWithTheBacklogSomaxconnAllows() {
        RecordingCluster cluster = new RecordingCluster(Map.of("sysctl", "4096\n"));
        List<Restart> restarts = new ArrayList<>();
        new ListenBacklog().heal(context(cluster, restarts), new ListenBacklog.Params("pod-2-a", 10086, 4, 10000));
        assertThat(cluster.commands).containsExactly("pod-2-a: sysctl -n net.core.somaxconn");
        assertThat(restarts).containsExactly(new Restart("pod-2-a", 10086,
                Map.of("backlog", "4096", "accept-delay-ms", "0")));
    }

    @Test
    void onlyTheRulesNarrowedToTheFaultsPortsGetTheWholeRangeAgain() {
        // as iptables-save prints them after the fault: a one-port range is a single port
        String dump = """
                *nat
                -A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING
                -A POSTROUTING -p tcp -s 10.244.0.0/16 ! -d 10.244.0.0/16 -j MASQUERADE --to-ports 40000
                -A POSTROUTING -p udp -s 10.1.0.0/16 -j MASQUERADE --to-ports 50000-50010
                -A KUBE-POSTROUTING -p tcp -m mark --mark 0x4000/0x4000 -j MASQUERADE --to-ports 40000 --random-fully
                COMMIT
                """;
        RecordingCluster cluster = new RecordingCluster(Map.of("iptables-save", dump));
        new SnatPortRange().heal(context(cluster, new ArrayList<>()),
                new SnatPortRange.Params("node-1", "40000-40000"));
        assertThat(cluster.commands).containsExactly("node-1: iptables-save -t nat",
                "node-1: iptables -w -t nat -R POSTROUTING 2 -p tcp -s 10.244.0.0/16 ! -d 10.244.0.0/16 -j MASQUERADE",
                "node-1: iptables -w -t nat -R KUBE-POSTROUTING 1 -p tcp -m mark --mark 0x4000/0x4000 -j MASQUERADE"
                        + " --random-fully");
    }

    @Test
    void theIcmpDropRulesGoWithTheWordsThatInsertedThem() {
        RecordingCluster cluster = new RecordingCluster(Map.of());
        TunnelMtuBlackhole.Params params = new TunnelMtuBlackhole.Params(List.of("node-1", "node-2"), 1440, List.of(),
                1500, Optional.empty(), Optional.of("client"), true);
        TunnelMtuBlackhole fault = new TunnelMtuBlackhole();
        fault.inject(context(cluster, new ArrayList<>()), params);
        List<String> inserted = cluster.commands.stream().filter(c -> c.contains(" -I ")).toList();
        cluster.commands.clear();
        fault.heal(context(cluster, new ArrayList<>()), params);

        assertThat(inserted).hasSize(4);
        assertThat(cluster.commands).containsExactlyElementsOf(inserted.stream()
                .map(c -> c.replaceFirst(" -I (OUTPUT|FORWARD) 1 ", " -D $1 ")).toList());
        assertThat(cluster.commands).allSatisfy(c -> assertThat(c).contains("-d 192.168.100.100")
                .contains("--icmp-type fragmentation-needed"));
    }

    @Test
    void withoutAnIcmpFilterThereIsNothingToHeal() {
        RecordingCluster cluster = new RecordingCluster(Map.of());
        new TunnelMtuBlackhole().heal(context(cluster, new ArrayList<>()), new TunnelMtuBlackhole.Params(
                List.of("node-1"), 1440, List.of(), 1500, Optional.empty(), Optional.empty(), false));
        assertThat(cluster.commands).isEmpty();
    }
}

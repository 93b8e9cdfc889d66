package dev.faultlab.workload;

import dev.faultlab.backend.ExecResult;
import dev.faultlab.LabException;
import dev.faultlab.topology.ClientInfo;
import dev.faultlab.topology.ClusterLayout;
import dev.faultlab.topology.Datapath;
import dev.faultlab.topology.ExternalTrafficPolicy;
import dev.faultlab.topology.NodeInfo;
import dev.faultlab.topology.PodInfo;
import dev.faultlab.topology.ServiceInfo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkloadArgsTest {
    private static final ClusterLayout LAYOUT = new ClusterLayout("fltest", "netns", Datapath.IPIP,
            List.of(new NodeInfo("node-1", "192.168.100.11", "10.244.1.0/24", "tunl0")),
            List.of(new PodInfo("pod-1-a", "node-1", "10.244.1.2")),
            List.of(new ClientInfo("client", "192.168.100.100")),
            List.of(new ServiceInfo("web", "10.96.0.10", 80, 30080, "tcp", ExternalTrafficPolicy.CLUSTER,
                    List.of("pod-1-a"), 8080)),
            Map.of());

    @Test
    void commandIsAnArgumentListWithFlagsAndValues() {
        List<String> argv = WorkloadArgs.command("/bin/w", "tcp-client", Map.of("writes", "4,1398,1307",
                "nodelay", "true", "df", "false", "count", "3"));

        assertThat(argv).containsExactly("/bin/w", "tcp-client", "--count", "3", "--nodelay", "--writes", "4,1398,1307");
    }

    @Test
    void resolvesHostsServicesAndNodePorts() {
        assertThat(Endpoints.resolve("pod-1-a:8080", LAYOUT)).isEqualTo("10.244.1.2:8080");
        assertThat(Endpoints.resolve("client:9", LAYOUT)).isEqualTo("192.168.100.100:9");
        assertThat(Endpoints.resolve("node-1:22", LAYOUT)).isEqualTo("192.168.100.11:22");
        assertThat(Endpoints.resolve("service/web", LAYOUT)).isEqualTo("10.96.0.10:80");
        assertThat(Endpoints.resolve("nodeport/web@node-1", LAYOUT)).isEqualTo("192.168.100.11:30080");
    }

    @Test
    void unresolvableTargetsSayWhy() {
        assertThatThrownBy(() -> Endpoints.resolve("pod-9-a:80", LAYOUT)).hasMessageContaining("no host 'pod-9-a'");
        assertThatThrownBy(() -> Endpoints.resolve("service/dns", LAYOUT)).hasMessageContaining("no service 'dns'");
        assertThatThrownBy(() -> Endpoints.resolve("10.0.0.1", LAYOUT))
                .hasMessageContaining("is not HOST:PORT, service/NAME or nodeport/NAME@NODE");
    }

    @Test
    void parsesOneResultPerJsonLine() {
        ExecResult exec = new ExecResult(List.of("w"), 0, """
                {"kind":"tcp","seq":0,"target":"10.244.1.2:8080","localPort":40000,"result":"ok","stage":"done","connectMs":0.3,"totalMs":1.0,"error":""}
                {"kind":"tcp","seq":1,"target":"10.244.1.2:8080","localPort":40001,"result":"timeout","stage":"connect","connectMs":2500.0,"totalMs":2500.0,"error":"Connection timed out"}
                """, "");

        List<ConnectionResult> results = RunningWorkload.parse("pod-1-a", exec);

        assertThat(results).extracting(ConnectionResult::result).containsExactly("ok", "timeout");
        assertThat(results).allSatisfy(r -> assertThat(r.client()).isEqualTo("pod-1-a"));
        assertThat(results.get(1).stage()).isEqualTo("connect");
    }

    @Test
    void aFailingClientIsOneLine() {
        ExecResult exec = new ExecResult(List.of("w"), 2, "", "faultlab-workload: unknown option '--x' for tcp-client\n");

        assertThatThrownBy(() -> RunningWorkload.parse("pod-1-a", exec)).isInstanceOf(LabException.class)
                .hasMessage("workload client on pod-1-a failed (exit 2): faultlab-workload: unknown option '--x' for tcp-client");
    }

    @Test
    void outcomeSummarizesPerClientAndTarget() {
        ConnectionResult ok = new ConnectionResult("pod-1-a", "udp", 0, "10.244.2.2:53", 0, "ok", "done", 0, 1, "");
        ConnectionResult lost = new ConnectionResult("pod-1-a", "udp", 0, "10.244.3.2:53", 0, "timeout", "reply", 0, 500, "");
        WorkloadOutcome outcome = new WorkloadOutcome(List.of(new ClientRun(
                new ClientSpec("pod-1-a", "udp-client", List.of(), Map.of()), 1, List.of(), List.of(ok, lost, lost))), 1, false);

        assertThat(outcome.summary()).containsEntry("pod-1-a -> 10.244.2.2:53", "1/1 ok")
                .containsEntry("pod-1-a -> 10.244.3.2:53", "0/2 ok (timeout@reply 2)");
        assertThat(outcome.failingTargets()).containsExactly("10.244.3.2:53");
        assertThat(outcome.allOk()).isFalse();
    }

    @Test
    void readsAnNstatCounter() {
        String out = """
                #kernel
                TcpExtPAWSTimewait              3                  0.0
                """;

        assertThat(NstatCounter.parse(out, "TcpExtPAWSTimewait")).isEqualTo(3);
        assertThat(NstatCounter.parse(out, "TcpExtListenDrops")).isZero();
    }
}

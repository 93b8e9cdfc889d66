package dev.faultlab.backend.docker;

import dev.faultlab.backend.Cluster;
import dev.faultlab.backend.ExecResult;
import dev.faultlab.container.LabLabels;
import dev.faultlab.capture.CaptureRequest;
import dev.faultlab.capture.CaptureStats;
import dev.faultlab.capture.LiveCapture;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.Datapath;
import dev.faultlab.topology.ExternalTrafficPolicy;
import dev.faultlab.topology.ServiceSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A real docker lab: containers as nodes, namespaces as pods, flannel VXLAN between them. */
@Tag("root")
class DockerBackendTest {
    private static Cluster lab;

    @BeforeAll
    static void up() {
        DockerBackend backend = new DockerBackend();
        String reason = backend.unavailableReason();
        assumeTrue(reason == null, reason);
        lab = backend.start(ClusterSpec.of(2, 2, Datapath.FLANNEL_VXLAN).withClient("client")
                .withService(ServiceSpec.clusterIp("echo", "tcp", 80, 8080, List.of("pod-2-a"))
                        .withNodePort(30080, ExternalTrafficPolicy.CLUSTER)));
    }

    @AfterAll
    static void down() {
        if (lab != null) {
            String id = lab.id();
            lab.close();
            assertThat(DockerClientFactory.instance().client().listContainersCmd().withShowAll(true)
                    .withLabelFilter(java.util.Map.of(LabLabels.LAB, id)).exec()).isEmpty();
        }
    }

    @Test
    void podsReachPodsOnOtherNodesThroughTheVxlanOverlay() {
        ExecResult ping = lab.exec("pod-1-a", List.of("ping", "-c", "2", "-W", "2", "10.244.2.3"),
                Duration.ofSeconds(15));
        assertThat(ping.exitCode()).as(ping.stdout() + ping.stderr()).isZero();
        assertThat(lab.exec("node-1", "ip", "-d", "link", "show", "flannel.1").stdout()).contains("vxlan id 1");
    }

    @Test
    void nodePortWithClusterPolicyForwardsAClientToAPodOnAnotherNode() {
        var server = lab.start("pod-2-a", List.of("socat", "TCP-LISTEN:8080,fork,reuseaddr", "EXEC:/bin/echo pong"));
        try {
            String node1 = lab.layout().node("node-1").orElseThrow().underlayIp();
            ExecResult reply = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> lab.exec("client", List.of("socat", "-T", "2", "-", "TCP:" + node1 + ":30080"),
                            Duration.ofSeconds(5)), ExecResult::ok);
            assertThat(reply.stdout().strip()).isEqualTo("pong");
            assertThat(lab.layout().service("echo").orElseThrow().clusterIp()).isEqualTo("10.96.0.10");
            assertThat(lab.exec("node-1", "iptables-save", "-t", "nat").stdout()).contains("KUBE-NODEPORTS",
                    "--dport 30080", "MASQUERADE");
        } finally {
            server.close();
        }
    }

    @Test
    void trafficLeavesNoWhereButTheLab() {
        ExecResult route = lab.exec("underlay", "ip", "route", "show", "default");
        assertThat(route.stdout()).contains("blackhole default");
        String gateway = lab.layout().node("node-1").orElseThrow().underlayIp().replaceAll("\\.\\d+$", ".1");
        for (String host : List.of("node-1", "node-2", "client")) {
            assertThat(lab.exec(host, "ip", "route", "show", "default").stdout().strip())
                    .isEqualTo("default via " + gateway + " dev eth0");
        }
        assertThat(lab.exec("pod-1-a", List.of("ping", "-c", "1", "-W", "1", "10.99.0.1"), Duration.ofSeconds(5))
                .ok()).isFalse();
    }

    @Test
    void capturesInsideANodeContainerAndInsideAPod(@TempDir Path dir) throws Exception {
        Path nodeFile = dir.resolve("node-2-flannel.pcapng");
        Path podFile = dir.resolve("pod-2-a.pcapng");
        try (LiveCapture onNode = lab.capture("node-2", CaptureRequest.of("eth0", nodeFile).withFilter("udp port 8472"));
             LiveCapture inPod = lab.capture("pod-2-a", CaptureRequest.of("eth0", podFile).withFilter("icmp"))) {
            lab.exec("pod-1-b", List.of("ping", "-c", "3", "-i", "0.2", "10.244.2.2"), Duration.ofSeconds(10))
                    .orThrow();
            CaptureStats node = onNode.stop();
            CaptureStats pod = inPod.stop();
            assertThat(node.written()).isGreaterThanOrEqualTo(6);
            assertThat(pod.written()).isGreaterThanOrEqualTo(6);
        }
        assertThat(Files.size(nodeFile)).isGreaterThan(6 * 100L);
    }

    @Test
    void longRunningProcessesCanBeSignalledAndEnded() {
        var process = lab.start("pod-2-b", List.of("sleep", "300"));
        assertThat(process.isAlive()).isTrue();
        assertThat(lab.exec("node-2", "cat", "/proc/" + process.pid() + "/comm").stdout().strip()).isEqualTo("sleep");
        process.signal("KILL");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !process.isAlive());
    }

    @Test
    void aStaticProgramFromThisMachineRunsInAPodFromTheSamePath(@TempDir Path dir) throws Exception {
        Path source = Files.writeString(dir.resolve("hello.c"),
                "#include <stdio.h>\nint main(int c, char **v) { printf(\"hello %s\\n\", v[1]); return 0; }\n");
        Path program = dir.resolve("hello");
        Process gcc = new ProcessBuilder("gcc", "-static", "-O2", "-o", program.toString(), source.toString())
                .redirectErrorStream(true).start();
        assertThat(gcc.waitFor()).as(new String(gcc.getInputStream().readAllBytes())).isZero();
        ExecResult run = lab.exec("pod-1-b", List.of(program.toString(), "pod"), Duration.ofSeconds(10));
        assertThat(run.stdout()).isEqualTo("hello pod\n");
        var started = lab.start("node-2", List.of(program.toString(), "node"));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !started.isAlive());
        assertThat(started.output()).contains("hello node");
    }

    @Test
    void flannelAgentReportsItsLeases() {
        String state = lab.agent("node-1").stateJson();
        assertThat(state).contains("\"kind\":\"flanneld\"", "\"running\":true", "10.244.2.0/24");
    }
}

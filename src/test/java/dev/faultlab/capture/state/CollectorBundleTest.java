package dev.faultlab.capture.state;

import dev.faultlab.cli.CliRun;
import dev.faultlab.backend.ExecResult;
import dev.faultlab.backend.LabProcess;
import dev.faultlab.scenario.RunOptions;
import dev.faultlab.scenario.Scenario;
import dev.faultlab.scenario.ScenarioCatalog;
import dev.faultlab.scenario.ScenarioSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer's whole path: {@code collect-node-state.sh --bundle} runs inside the server's node namespace of
 * listen-backlog-overflow (capturing on cni0 and entering the server pod with {@code -p}) while the lab injects the
 * fault and drives the clients; {@code faultlab reproduce} then reads the tarball alone.
 */
@Tag("root")
class CollectorBundleTest {
    private static final Path OUT = Path.of("target", "faultlab", CollectorBundleTest.class.getSimpleName())
            .toAbsolutePath();
    private static final int CAPTURE_SECONDS = 20;

    @Test
    void aBundleFromTheNodeReproducesTheListenOverflow() throws Exception {
        Scenario scenario = ScenarioCatalog.loadDefault().find("listen-backlog-overflow");
        deleteTree(OUT);
        Path work = Files.createDirectories(OUT.resolve("tmp"));
        Path tarball = OUT.resolve("incident.tar.gz");
        String port = scenario.fault().params().get("port");
        ExecResult collected;
        try (ScenarioSession session = ScenarioSession.open(scenario, RunOptions.defaults(OUT.resolve("lab")))) {
            session.startLab();
            session.startWorkload();
            ScriptStateCollector pods = new ScriptStateCollector(session.cluster());
            try (LabProcess holder = session.cluster().start("pod-2-a", List.of("sleep", "120"))) {
                long pid = pods.pidInNamespace("pod-2-a", holder);
                List<String> argv = List.of("env", "TMPDIR=" + work, "KUBECONFIG=" + work.resolve("no-kubeconfig"),
                        "bash", CollectNodeStateScript.PATH.toAbsolutePath().toString(), "--bundle", tarball.toString(),
                        "--capture", "cni0:tcp port " + port, "--seconds", String.valueOf(CAPTURE_SECONDS),
                        "-n", "node-2", "-p", "pod-2-a=" + pid);
                CompletableFuture<ExecResult> script = CompletableFuture.supplyAsync(() ->
                        session.cluster().exec("node-2", argv, Duration.ofSeconds(180)));
                awaitCapture(work);
                session.injectFault();
                session.driveWorkload();
                collected = script.get(200, TimeUnit.SECONDS);
            }
        }
        assertThat(collected.ok()).as(collected.stderr()).isTrue();
        assertThat(collected.stderr()).contains("node-2-cni0.pcap: ").contains("packets captured")
                .contains("wrote " + tarball).contains("review before sharing");
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left).as("the script removes its work directory").isEmpty();
        }
        CliRun run = CliRun.of("reproduce", tarball.toString(), "--out", OUT.resolve("reproduce").toString());
        Files.writeString(OUT.resolve("reproduce-output.txt"), run.both());
        assertThat(run.out()).as(run.both()).contains("customer's root cause: listen-overflow")
                .contains("\nreproduced");
        assertThat(run.exit()).isZero();
    }

    /** Waits until tcpdump has opened its file in the script's work directory (after the before snapshot). */
    private static void awaitCapture(Path work) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            try (Stream<Path> walk = Files.walk(work)) {
                if (walk.anyMatch(p -> p.getFileName().toString().endsWith(".pcap"))) {
                    Thread.sleep(500); // tcpdump has created the file; let it attach
                    return;
                }
            } catch (IOException | UncheckedIOException racingWithTheScript) {
                // files come and go while the script writes; look again
            }
            Thread.sleep(100);
        }
        throw new AssertionError("collect-node-state.sh --bundle started no capture within 90 s");
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

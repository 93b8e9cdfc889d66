package dev.faultlab.workload;

import dev.faultlab.backend.ExecResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Builds the real workload binary with gcc and talks to it over loopback (no lab, no root). */
class WorkloadBinaryTest {
    @TempDir
    Path cache;

    @Test
    void buildsOnceAndReusesTheCachedBinary() throws IOException {
        WorkloadBinary binary = new WorkloadBinary(cache);

        Path first = binary.ensureBuilt();
        long builtAt = Files.getLastModifiedTime(first).toMillis();
        Path second = binary.ensureBuilt();

        assertThat(first).isExecutable().isEqualTo(second);
        assertThat(Files.getLastModifiedTime(second).toMillis()).isEqualTo(builtAt);
        assertThat(cache.resolve(first.getParent().getFileName())).isDirectory();
    }

    @Test
    void clientAndServerTalkOverLoopbackAndReportEachConnection() throws Exception {
        String program = new WorkloadBinary(cache).ensureBuilt().toString();
        int port = freePort();
        Process server = new ProcessBuilder(WorkloadArgs.command(program, "tcp-server",
                Map.of("port", String.valueOf(port), "close-first", "true", "max-seconds", "10"))).start();
        try {
            assertThat(new String(server.getInputStream().readNBytes(20), StandardCharsets.UTF_8))
                    .startsWith("{\"event\":\"listening\"");

            List<ConnectionResult> results = RunningWorkload.parse("local", run(WorkloadArgs.command(program,
                    "tcp-client", Map.of("targets", "127.0.0.1:" + port + ",127.0.0.1:" + freePort(), "count", "4",
                            "parallel", "2", "writes", "4,1398,1307", "nodelay", "true", "df", "true"))));

            assertThat(results).hasSize(4);
            assertThat(results).filteredOn(r -> r.target().endsWith(":" + port))
                    .extracting(ConnectionResult::result).containsOnly("ok");
            assertThat(results).filteredOn(r -> !r.target().endsWith(":" + port))
                    .allSatisfy(r -> assertThat(r.result() + "@" + r.stage()).isEqualTo("refused@connect"));
        } finally {
            server.destroy();
        }
    }

    @Test
    void udpClientReportsEveryTargetOfEveryRound() throws Exception {
        String program = new WorkloadBinary(cache).ensureBuilt().toString();
        int port = freePort();
        Process server = new ProcessBuilder(WorkloadArgs.command(program, "udp-server",
                Map.of("port", String.valueOf(port), "max-seconds", "10"))).start();
        try {
            server.getInputStream().readNBytes(20);

            List<ConnectionResult> results = RunningWorkload.parse("local", run(WorkloadArgs.command(program,
                    "udp-client", Map.of("targets", "127.0.0.1:" + port + ",127.0.0.1:" + freePort(), "count", "2",
                            "timeout-ms", "200"))));

            assertThat(results).extracting(r -> r.seq() + " " + r.result()).containsExactly(
                    "0 ok", "0 timeout", "1 ok", "1 timeout");
        } finally {
            server.destroy();
        }
    }

    @Test
    void unknownOptionIsOneLineAndExitCodeTwo() throws Exception {
        ExecResult result = run(List.of(new WorkloadBinary(cache).ensureBuilt().toString(), "tcp-client", "--bogus"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr().strip()).isEqualTo("faultlab-workload: unknown option '--bogus' for tcp-client");
    }

    private static ExecResult run(List<String> argv) throws Exception {
        Process p = new ProcessBuilder(argv).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new ExecResult(argv, p.exitValue(), out, err);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

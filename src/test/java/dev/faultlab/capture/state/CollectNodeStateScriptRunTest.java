package dev.faultlab.capture.state;

import dev.faultlab.backend.ExecResult;
import dev.faultlab.capture.testlab.Commands;
import dev.faultlab.capture.testlab.VethPair;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the customer script on this machine (as the "node") with a pod namespace entered through a PID. */
@Tag("root")
class CollectNodeStateScriptRunTest {
    @TempDir
    Path out;

    @Test
    void writesTheLayoutForTheNodeAndAPod() throws IOException, InterruptedException {
        try (VethPair pair = VethPair.create("10.201.4")) {
            // ip netns exec execs sleep itself, so this PID is a process inside the pod namespace
            Process podProcess = new ProcessBuilder("ip", "netns", "exec", pair.rightNamespace(), "sleep", "60").start();
            try {
                ExecResult result = Commands.run(List.of(CollectNodeStateScript.PATH.toString(), "-o", out.toString(),
                        "-l", "after", "-p", "web-1=" + podProcess.pid()), Duration.ofSeconds(60));
                assertThat(result.exitCode()).as(result.stderr()).isZero();
            } finally {
                podProcess.destroyForcibly().waitFor();
            }
        }
        assertThat(Files.readString(out.resolve(StateLayout.SNAPSHOT_JSON))).contains("\"label\": \"after\"");
        Path node = out.resolve(Commands.run("uname", "-n").stdout().strip());
        assertThat(names(node)).containsExactlyInAnyOrderElementsOf(expected(HostRole.NODE));
        Path pod = out.resolve("web-1");
        assertThat(names(pod)).containsExactlyInAnyOrderElementsOf(expected(HostRole.POD));
        assertThat(Files.readString(pod.resolve("ip-addr.json"))).contains("10.201.4.2");
        assertThat(Files.readString(pod.resolve("host.json"))).contains("\"role\": \"pod\"");
        assertThat(Files.readString(pod.resolve("sysctl.txt"))).containsPattern("(?m)^net\\.ipv4\\.tcp_syncookies = \\d$");
    }

    private static List<String> expected(HostRole role) {
        return Stream.concat(StateLayout.commandFilesFor(role).stream().map(StateFile::name),
                Stream.of(StateLayout.HOST_JSON)).toList();
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }
}

package dev.faultlab.capture.state;

import dev.faultlab.capture.layout.StateFile;
import dev.faultlab.capture.layout.HostRole;
import dev.faultlab.capture.layout.HostDescription;
import dev.faultlab.capture.layout.StateLayout;
import dev.faultlab.backend.ExecResult;
import dev.faultlab.capture.testlab.Commands;
import dev.faultlab.capture.testlab.VethPair;
import dev.faultlab.detect.state.HostSnapshot;
import dev.faultlab.detect.state.HostStateReader;
import dev.faultlab.detect.state.Lease;
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
                ExecResult result = Commands.run(List.of("env", "KUBECONFIG=" + out.resolve("no-kubeconfig"),
                        CollectNodeStateScript.PATH.toString(), "-o", out.toString(),
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

    /**
     * The node's pod CIDR comes from the first source that knows it: the Node object (kubectl), else cni0's
     * address, else the routes; the underlay IP from flannel's public-ip, else the default route's device.
     */
    @Test
    void podCidrAndUnderlayComeFromTheBestSourceThereIs() throws IOException {
        try (VethPair pair = VethPair.create("10.201.5")) {
            String node = pair.leftNamespace();
            Commands.run("ip", "-n", node, "route", "add", "default", "via", pair.rightIp()).orThrow();
            Commands.run("ip", "-n", node, "link", "add", "cni0", "type", "bridge").orThrow();
            Commands.run("ip", "-n", node, "addr", "add", "10.244.6.1/24", "dev", "cni0").orThrow();
            Commands.run("ip", "-n", node, "link", "set", "cni0", "up").orThrow();

            // a kubectl that answers only the layout's exact question, as an API server would for this node
            Path bin = Files.createDirectories(out.resolve("bin"));
            Path kubectl = bin.resolve("kubectl");
            Files.writeString(kubectl, "#!/bin/sh\n[ \"$*\" = '" + String.join(" ", StateLayout.KUBE_NODES.argv().subList(1,
                    StateLayout.KUBE_NODES.argv().size())) + "' ] || { echo \"unexpected: $*\" >&2; exit 3; }\n"
                    + "printf 'node-x\\t10.244.16.0/24\\t10.201.5.1\\t10.201.5.77\\t{\"VNI\":1,\"VtepMAC\":\"0e:00:00:00:00:77\"}\\n"
                    + "node-y\\t10.244.17.0/24\\t10.201.5.9\\t\\t\\n'\n");
            Files.setPosixFilePermissions(kubectl, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            HostDescription withKubectl = collect(node, "kubectl", "PATH=" + bin + ":" + System.getenv("PATH"));
            assertThat(withKubectl.podCidr()).isEqualTo("10.244.16.0/24");
            assertThat(withKubectl.podCidrSource()).isEqualTo("kubectl");
            assertThat(withKubectl.underlayIp()).isEqualTo("10.201.5.77");
            HostSnapshot read = new HostStateReader().read(out.resolve("kubectl")).hosts().get("node-x");
            assertThat(read.leases()).extracting(Lease::node).containsExactly("node-x", "node-y");
            assertThat(read.leases().get(0).vtepMac()).isEqualTo("0e:00:00:00:00:77");

            HostDescription fromCni0 = collect(node, "cni0", "PATH=" + System.getenv("PATH"));
            assertThat(fromCni0.podCidr()).isEqualTo("10.244.6.0/24");
            assertThat(fromCni0.podCidrSource()).isEqualTo("cni0");
            assertThat(fromCni0.underlayIp()).isEqualTo(pair.leftIp());
            assertThat(fromCni0.addresses()).contains(pair.leftIp(), "10.244.6.1");
            assertThat(out.resolve("cni0").resolve("node-x").resolve(StateLayout.KUBE_NODES.name())).doesNotExist();

            Commands.run("ip", "-n", node, "addr", "flush", "dev", "cni0").orThrow();
            Commands.run("ip", "-n", node, "route", "add", "blackhole", "10.244.8.0/26").orThrow();
            HostDescription fromRoutes = collect(node, "routes", "PATH=" + System.getenv("PATH"));
            assertThat(fromRoutes.podCidr()).isEqualTo("10.244.8.0/26");
            assertThat(fromRoutes.podCidrSource()).isEqualTo("routes");
        }
    }

    /** Runs the script in {@code namespace} as node {@code node-x} into {@code out/<name>}, with no reachable API server. */
    private HostDescription collect(String namespace, String name, String path) throws IOException {
        Path dir = out.resolve(name);
        ExecResult result = Commands.run(List.of("ip", "netns", "exec", namespace, "env", path,
                "KUBECONFIG=" + out.resolve("no-kubeconfig"), "bash", CollectNodeStateScript.PATH.toString(),
                "-n", "node-x", dir.toString()), Duration.ofSeconds(60));
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                dir.resolve("node-x").resolve(StateLayout.HOST_JSON).toFile(), HostDescription.class);
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

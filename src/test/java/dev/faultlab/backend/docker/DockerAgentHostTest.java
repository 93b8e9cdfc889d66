package dev.faultlab.backend.docker;

import dev.faultlab.backend.Cluster;
import dev.faultlab.datapath.AgentHostProcesses;
import dev.faultlab.datapath.BgpRouteSyncMain;
import dev.faultlab.datapath.JavaMain;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.Datapath;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A docker lab's route syncs are threads of one agent process, each in its node container's namespace, each controlled alone. */
@Tag("root")
class DockerAgentHostTest {
    @Test
    void oneAgentProcessRunsEveryNodesRouteSyncAndFaultsActOnOneNodeAlone() throws IOException {
        DockerBackend backend = new DockerBackend();
        assumeTrue(backend.unavailableReason() == null, backend.unavailableReason());
        try (Cluster lab = backend.start(ClusterSpec.of(3, 0, Datapath.BGP))) {
            List<ProcessHandle> hosts = children(DockerAgentHostMain.class);
            assertThat(hosts).as("one agent host for the lab").hasSize(1);
            assertThat(children(BgpRouteSyncMain.class)).as("no route sync JVM per node").isEmpty();
            Set<String> threadNamespaces = AgentHostProcesses.threadNamespaces(hosts.get(0).pid());
            for (String node : List.of("node-1", "node-2", "node-3")) {
                String namespace = lab.exec(node, "readlink", "/proc/1/ns/net").stdout().strip();
                assertThat(threadNamespaces).as("a thread of the host is in " + node + "'s namespace")
                        .contains(namespace);
            }

            lab.agent("node-2").pause();
            lab.agent("node-3").kill();
            assertThat(lab.agent("node-2").isRunning()).as("a hung agent still runs").isTrue();
            assertThat(lab.agent("node-3").isRunning()).isFalse();
            assertThat(lab.agent("node-1").isRunning()).as("another node's agent is untouched").isTrue();
            assertThat(hosts.get(0).isAlive()).as("killing one node's agent leaves the host").isTrue();

            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> route(lab, "node-1", "10.244.3.0/24")
                    .isBlank());
            assertThat(route(lab, "node-2", "10.244.3.0/24")).as("the hung agent removed nothing")
                    .contains("proto 17");

            lab.agent("node-2").resume();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> route(lab, "node-2", "10.244.3.0/24")
                    .isBlank());
            assertThat(lab.agent("node-3").isRunning()).as("still dead after another node's resume").isFalse();
            assertThat(lab.agent("node-1").isRunning()).isTrue();
        }
        assertThat(children(DockerAgentHostMain.class)).as("the host ends with the lab").isEmpty();
    }

    /**
     * A container lab lives as long as its owner (the reaper removes a dead owner's containers), so its agent
     * host must not outlive an owner that crashed, even with the lab's directory left behind. The owner here is
     * a short {@code sleep}; the same host with a live owner is still there after several of its checks.
     */
    @Test
    void theAgentHostExitsWhenTheLabsOwnerIsGone(@TempDir Path labDir) throws Exception {
        Process owner = new ProcessBuilder("sleep", "3").start();
        Process orphaned = new ProcessBuilder(JavaMain.command(DockerAgentHostMain.class,
                List.of("fl-owner-test", labDir.toString(), Long.toString(owner.pid())))).inheritIO().start();
        Process kept = new ProcessBuilder(JavaMain.command(DockerAgentHostMain.class, List.of("fl-owner-live",
                Files.createDirectory(labDir.resolve("live")).toString(),
                Long.toString(ProcessHandle.current().pid())))).inheritIO().start();
        try {
            assertThat(owner.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(orphaned.waitFor(10, TimeUnit.SECONDS)).as("the host of a dead owner's lab exits").isTrue();
            assertThat(Files.isDirectory(labDir)).as("it went because of its owner, not its directory").isTrue();
            assertThat(kept.isAlive()).as("a live owner's host stays").isTrue();
        } finally {
            orphaned.destroyForcibly();
            kept.destroyForcibly();
        }
    }

    private static String route(Cluster lab, String node, String cidr) {
        return lab.exec(node, "ip", "route", "show", cidr).stdout();
    }

    /** This JVM's child processes whose command line names {@code mainClass}. */
    private static List<ProcessHandle> children(Class<?> mainClass) {
        return ProcessHandle.current().descendants().filter(p -> AgentHostProcesses.runs(p.pid(), mainClass))
                .toList();
    }
}

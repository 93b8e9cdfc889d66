package dev.faultlab.backend.netns;

import dev.faultlab.datapath.AgentHostProcesses;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.Datapath;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The lab's agents are threads of one process, each in its node's namespace, each controlled alone. */
@Tag("root")
class AgentHostTest {
    @Test
    void oneAgentProcessServesEveryNodeFromInsideEachNodesNamespace() throws IOException {
        try (NetnsCluster lab = new NetnsBackend().start(ClusterSpec.of(3, 0, Datapath.FLANNEL_VXLAN))) {
            List<Long> hosts = LabTraces.processes(lab.id()).stream().filter(pid -> AgentHostProcesses.runs(pid, AgentHostMain.class)).toList();
            assertThat(hosts).as("one agent host for the lab").hasSize(1);
            assertThat(LabTraces.processes(lab.id())).as("no other process names the lab: no JVM per node")
                    .containsExactlyElementsOf(hosts);
            Set<String> threadNamespaces = AgentHostProcesses.threadNamespaces(hosts.get(0));
            for (String node : List.of("node-1", "node-2", "node-3")) {
                assertThat(threadNamespaces).as("a thread of the host is in " + node + "'s namespace")
                        .contains(namespaceOf(lab.netnsFile(node)));
            }
        }
    }

    @Test
    void killAndPauseActOnOneNodesAgentAlone() {
        try (NetnsCluster lab = new NetnsBackend().start(ClusterSpec.of(4, 0, Datapath.FLANNEL_VXLAN))) {
            FlannelNodeAgent node1 = (FlannelNodeAgent) lab.agent("node-1");
            String oldMac = node1.lease().orElseThrow().vtepMac();
            lab.agent("node-2").pause();
            lab.agent("node-3").kill();
            assertThat(lab.agent("node-2").isRunning()).as("a hung agent still runs").isTrue();
            assertThat(lab.agent("node-3").isRunning()).isFalse();

            String newMac = node1.reboot();

            FlannelDatapathTest.awaitContains(neigh(lab, "node-4"), "10.244.1.0 lladdr " + newMac);
            assertThat(neigh(lab, "node-2").get()).as("the hung agent programmed nothing")
                    .contains("10.244.1.0 lladdr " + oldMac).doesNotContain(newMac);
            assertThat(neigh(lab, "node-3").get()).as("the killed agent programmed nothing")
                    .contains("10.244.1.0 lladdr " + oldMac).doesNotContain(newMac);

            lab.agent("node-2").resume();
            FlannelDatapathTest.awaitContains(neigh(lab, "node-2"), "10.244.1.0 lladdr " + newMac);
            assertThat(neigh(lab, "node-3").get()).as("still dead after another node's resume")
                    .doesNotContain(newMac);
            assertThat(lab.agent("node-3").isRunning()).isFalse();
        }
    }

    private static Supplier<String> neigh(NetnsCluster lab, String node) {
        return () -> lab.exec(node, "ip", "neigh", "show", "dev", "flannel.1").stdout();
    }

    private static String namespaceOf(Path netnsFile) {
        try {
            return "net:[" + Files.getAttribute(netnsFile, "unix:ino") + "]";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package dev.faultlab.datapath;

import dev.faultlab.backend.ExecResult;
import dev.faultlab.topology.NodeInfo;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Lease propagation between overlay agents, against recording shells (what each node would run). */
class OverlayAgentTest {
    private final Map<String, String> macs = new HashMap<>(Map.of("node-1", "0e:00:00:00:00:01",
            "node-2", "0e:00:00:00:00:02", "node-3", "0e:00:00:00:00:03"));
    private final Map<String, List<List<String>>> ran = new HashMap<>();
    private final java.util.Set<String> withoutDevice = new java.util.HashSet<>(List.of("node-1", "node-2", "node-3"));

    private NodeShell shell(String node) {
        return (argv, timeout) -> {
            ran.computeIfAbsent(node, n -> new ArrayList<>()).add(argv);
            if (argv.containsAll(List.of("link", "show"))) {
                return new ExecResult(argv, withoutDevice.contains(node) ? 1 : 0, "", "");
            }
            if (argv.containsAll(List.of("link", "add"))) {
                withoutDevice.remove(node);
            }
            String out = argv.get(0).equals("cat") ? macs.get(node) + "\n" : "";
            return new ExecResult(argv, 0, out, "");
        };
    }

    private OverlayControlPlane lab() {
        List<NodeInfo> nodes = List.of(1, 2, 3).stream().map(i -> new NodeInfo("node-" + i, "192.168.100.1" + i,
                "10.244." + i + ".0/24", "flannel.1")).toList();
        return OverlayControlPlane.start(new FlannelVxlanProgram(), nodes, this::shell, "eth0");
    }

    private boolean programmed(String node, String mac) {
        return ran.getOrDefault(node, List.of()).stream().anyMatch(c -> c.contains("neigh") && c.contains(mac));
    }

    @Test
    void everyNodeLearnsEveryPeersMac() {
        lab();
        assertThat(programmed("node-1", "0e:00:00:00:00:02")).isTrue();
        assertThat(programmed("node-1", "0e:00:00:00:00:03")).isTrue();
        assertThat(programmed("node-3", "0e:00:00:00:00:01")).isTrue();
        assertThat(programmed("node-1", "0e:00:00:00:00:01")).isFalse();
    }

    @Test
    void aRestartedAgentRecreatesAMissingDeviceAndReprogramsEveryPeer() {
        OverlayControlPlane plane = lab();
        assertThat(ran.get("node-2")).anyMatch(c -> c.containsAll(List.of("link", "add", "flannel.1")));
        plane.agent("node-1").stop();
        withoutDevice.add("node-1");
        ran.clear();
        plane.agent("node-1").start();
        assertThat(ran.get("node-1")).anyMatch(c -> c.containsAll(List.of("link", "add", "flannel.1")));
        assertThat(ran.get("node-1")).anyMatch(c -> c.containsAll(List.of("route", "replace", "10.244.2.0/24")));
        assertThat(ran.get("node-1")).anyMatch(c -> c.containsAll(List.of("route", "replace", "10.244.3.0/24")));
    }

    @Test
    void aStoppedAgentKeepsTheStaleMacWhileARunningOneLearnsTheNewOne() {
        OverlayControlPlane plane = lab();
        plane.agent("node-3").stop();
        macs.put("node-1", "0e:00:00:00:00:99");
        plane.agent("node-1").start();
        assertThat(programmed("node-2", "0e:00:00:00:00:99")).isTrue();
        assertThat(programmed("node-3", "0e:00:00:00:00:99")).isFalse();
        assertThat(plane.agent("node-3").stateJson()).contains("0e:00:00:00:00:01").contains("\"running\":false");
        plane.agent("node-3").start();
        assertThat(programmed("node-3", "0e:00:00:00:00:99")).isTrue();
        assertThat(ran.get("node-3")).anyMatch(c -> c.containsAll(List.of("fdb", "del", "0e:00:00:00:00:01")));
    }
}

package dev.faultlab.backend.nodenet;

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

    private NodeShell shell(String node) {
        return (argv, timeout) -> {
            ran.computeIfAbsent(node, n -> new ArrayList<>()).add(argv);
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

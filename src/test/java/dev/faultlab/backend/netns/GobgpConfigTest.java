package dev.faultlab.backend.netns;

import dev.faultlab.datapath.GobgpConfig;

import dev.faultlab.topology.BgpOptions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The gobgpd configuration shared by the netns and docker backends. */
class GobgpConfigTest {
    @Test
    void passivePeersGetTheirOwnTransportTableAfterTheNeighborsConfig() {
        String toml = GobgpConfig.toml("192.168.100.13", List.of("192.168.100.11", "192.168.100.12"),
                List.of("192.168.100.11"), BgpOptions.labDefaults());
        String first = toml.substring(toml.indexOf("192.168.100.11\""), toml.indexOf("192.168.100.12\""));
        assertThat(first).contains("peer-as = 64512\n  [neighbors.transport.config]\n    passive-mode = true\n");
        String second = toml.substring(toml.indexOf("192.168.100.12\""));
        assertThat(second).doesNotContain("passive-mode");
    }

    @Test
    void withoutPassivePeersEverySessionIsActive() {
        String toml = GobgpConfig.toml("192.168.100.11", List.of("192.168.100.12"), BgpOptions.labDefaults());
        assertThat(toml).doesNotContain("passive-mode").contains("router-id = \"192.168.100.11\"")
                .contains("neighbor-address = \"192.168.100.12\"");
    }

    @Test
    void theNetnsSpeakerWaitsForTheNodesBeforeItAndDialsTheNodesAfterIt() {
        LabPlan.NodePlan first = node(1);
        LabPlan.NodePlan second = node(2);
        LabPlan.NodePlan third = node(3);
        String toml = new GobgpSpeaker().config(second, List.of(first, third), BgpOptions.labDefaults());
        assertThat(toml.substring(toml.indexOf("192.168.100.11\""), toml.indexOf("192.168.100.13\"")))
                .contains("passive-mode = true");
        assertThat(toml.substring(toml.indexOf("192.168.100.13\""))).doesNotContain("passive-mode");
        assertThat(new GobgpSpeaker().config(first, List.of(second, third), BgpOptions.labDefaults()))
                .doesNotContain("passive-mode");
    }

    private static LabPlan.NodePlan node(int index) {
        return new LabPlan.NodePlan(index, "node-" + index, "fl-test-node-" + index, "192.168.100.1" + index,
                "10.244." + index);
    }
}

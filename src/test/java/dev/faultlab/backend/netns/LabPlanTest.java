package dev.faultlab.backend.netns;

import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.Datapath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabPlanTest {
    @Test
    void addressesFollowTheContract() {
        LabPlan plan = LabPlan.of("flabc123", ClusterSpec.of(2, 2, Datapath.IPIP).withClient("client"));
        assertThat(plan.node("node-2").underlayIp()).isEqualTo("192.168.100.12");
        assertThat(plan.node("node-2").podCidr()).isEqualTo("10.244.2.0/24");
        assertThat(plan.node("node-2").podGateway()).isEqualTo("10.244.2.1");
        assertThat(plan.pod("pod-2-b").ip()).isEqualTo("10.244.2.3");
        assertThat(plan.clients().get(0).ip()).isEqualTo("192.168.100.100");
        assertThat(plan.namespaces()).hasSize(1 + 2 + 4 + 1).allMatch(ns -> ns.startsWith("flabc123-"))
                .first().isEqualTo("flabc123-underlay");
        assertThat(plan.netnsFile("pod-1-a").toString()).isEqualTo("/run/netns/flabc123-pod-1-a");
    }

    @Test
    void aHundredNodeLabKeepsTheSmallLabsAddressesAndPutsClientsAfterItsLastNode() {
        LabPlan plan = LabPlan.of("flabc123", ClusterSpec.of(100, 4, Datapath.BGP).withClient("client"));
        assertThat(plan.nodes().get(0).underlayIp()).isEqualTo("192.168.100.11");
        assertThat(plan.nodes().get(99).underlayIp()).isEqualTo("192.168.100.110");
        assertThat(plan.nodes().get(99).podCidr()).isEqualTo("10.244.100.0/24");
        assertThat(plan.clients().get(0).ip()).isEqualTo("192.168.100.111");
        assertThat(LabPlan.of("flabc123", ClusterSpec.of(89, 0, Datapath.BGP).withClient("client"))
                .clients().get(0).ip()).as("up to 89 nodes, clients start at .100 as before").isEqualTo("192.168.100.100");
    }

    @Test
    void eachNodesUnderlayMacIsALocallyAdministeredUnicastMacMadeFromItsAddress() {
        LabPlan plan = LabPlan.of("flabc123", ClusterSpec.of(ClusterSpec.MAX_NODES, 0, Datapath.BGP));
        assertThat(plan.node("node-1").underlayMac()).isEqualTo("02:fa:c0:a8:64:0b");
        assertThat(plan.nodes()).extracting(LabPlan.NodePlan::underlayMac)
                .doesNotHaveDuplicates()
                .allMatch(mac -> mac.matches("02(:[0-9a-f]{2}){5}"), "02: locally administered, unicast");
    }

    @Test
    void refusesMoreNodesThanTheUnderlayHolds() {
        assertThatThrownBy(() -> ClusterSpec.of(ClusterSpec.MAX_NODES + 1, 0, Datapath.BGP))
                .hasMessageContaining("between 1 and " + ClusterSpec.MAX_NODES);
        ClusterSpec full = ClusterSpec.of(ClusterSpec.MAX_NODES, 0, Datapath.BGP);
        for (int j = 0; j < 44; j++) {
            full = full.withClient("c" + j);
        }
        ClusterSpec crowded = full;
        assertThatThrownBy(() -> crowded.withClient("one-too-many")).hasMessageContaining("do not fit the underlay");
    }

    @Test
    void rejectsUnusableClientNamesAndUnknownHosts() {
        assertThatThrownBy(() -> LabPlan.of("flx", ClusterSpec.of(1, 0, Datapath.IPIP).withClient("Bad Name")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client name 'Bad Name'");
        assertThatThrownBy(() -> LabPlan.of("flx", ClusterSpec.of(1, 0, Datapath.IPIP).withClient("lb")
                .withClient("lb"))).hasMessageContaining("distinct");
        LabPlan plan = LabPlan.of("flx", ClusterSpec.of(1, 0, Datapath.IPIP));
        assertThatThrownBy(() -> plan.namespaceOf("node-9")).hasMessageContaining("no host 'node-9'");
    }
}

package dev.faultlab.datapath;

import dev.faultlab.topology.Datapath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatapathDefinitionTest {
    @Test
    void theInstalledDatapathsComeFromTheServicesFile() {
        assertThat(DatapathDefinition.registry().keys()).containsExactly("flannel-vxlan", "bgp", "ipip");
        assertThat(DatapathDefinition.registry().all()).allSatisfy(d -> assertThat(d.summary()).isNotBlank());
    }

    @Test
    void eachDatapathDeclaresItsDeviceAndMtuOnce() {
        assertThat(DatapathDefinition.of(Datapath.FLANNEL_VXLAN).tunnelDevice()).contains("flannel.1");
        assertThat(DatapathDefinition.of(Datapath.FLANNEL_VXLAN).podMtu()).isEqualTo(1450);
        assertThat(DatapathDefinition.of(Datapath.IPIP).tunnelDevice()).contains("tunl0");
        assertThat(DatapathDefinition.of(Datapath.IPIP).podMtu()).isEqualTo(1440);
        assertThat(DatapathDefinition.of(Datapath.IPIP).standInNotes()).containsKey("tunl0");
        assertThat(DatapathDefinition.of(Datapath.BGP).tunnelDevice()).isEmpty();
        assertThat(DatapathDefinition.of(Datapath.BGP).podMtu()).isEqualTo(1500);
        assertThat(DatapathDefinition.of(Datapath.BGP).overlay()).isEmpty();
    }

    @Test
    void anUnknownDatapathIsRefusedWithTheInstalledOnes() {
        assertThatThrownBy(() -> DatapathDefinition.of(Datapath.fromId("gre")))
                .hasMessage("unknown datapath 'gre': use one of flannel-vxlan, bgp, ipip");
        assertThatThrownBy(() -> Datapath.fromId("Flannel VXLAN")).hasMessageContaining("is not usable");
    }
}

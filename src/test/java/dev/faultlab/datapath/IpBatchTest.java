package dev.faultlab.datapath;

import dev.faultlab.datapath.VtepLease;
import dev.faultlab.datapath.FlannelVxlanProgram;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An overlay program's plan becomes the netns backend's ip and bridge batches without losing a command. */
class IpBatchTest {
    @Test
    void aPeerPlanSplitsIntoTheBridgeAndTheIpBatchInOrder() {
        IpBatch ip = IpBatch.ip();
        IpBatch bridge = IpBatch.bridge();
        IpBatch.split(new FlannelVxlanProgram().peer(
                new VtepLease("node-2", "10.244.2.0/24", "0e:00:00:00:00:02", "10.0.0.12")), ip, bridge);
        assertThat(bridge.lines()).containsExactly(
                "fdb replace 0e:00:00:00:00:02 dev flannel.1 dst 10.0.0.12 self permanent");
        assertThat(ip.lines()).containsExactly(
                "neigh replace 10.244.2.0 lladdr 0e:00:00:00:00:02 dev flannel.1 nud permanent",
                "route replace 10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink");
    }

    @Test
    void aCommandOfAnotherToolIsRefused() {
        assertThatThrownBy(() -> IpBatch.ip().add(List.of("ethtool", "-K", "eth0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an ip command");
    }
}

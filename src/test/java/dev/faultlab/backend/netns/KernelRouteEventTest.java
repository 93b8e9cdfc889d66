package dev.faultlab.backend.netns;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KernelRouteEventTest {
    @Test
    void readsAddedAndDeletedBirdRoutesOfItsTable() {
        assertThat(KernelRouteEvent.parse("10.244.2.0/24 via 192.168.100.12 dev eth0 table 201 proto bird metric 32 ",
                "201")).hasValue(new KernelRouteEvent(false, "10.244.2.0/24", "192.168.100.12"));
        assertThat(KernelRouteEvent.parse("Deleted 10.244.2.0/24 via 192.168.100.12 dev eth0 table 201 proto bird"
                + " metric 32", "201")).hasValue(new KernelRouteEvent(true, "10.244.2.0/24", "192.168.100.12"));
    }

    @Test
    void ignoresOtherTablesProtocolsAndGatewaylessRoutes() {
        assertThat(KernelRouteEvent.parse("10.244.2.0/24 via 192.168.100.12 dev eth0 proto 17", "201")).isEmpty();
        assertThat(KernelRouteEvent.parse("10.244.2.0/24 via 192.168.100.12 dev eth0 table 202 proto bird", "201"))
                .isEmpty();
        assertThat(KernelRouteEvent.parse("10.244.2.0/24 via 192.168.100.12 dev eth0 table 201 proto static", "201"))
                .isEmpty();
        assertThat(KernelRouteEvent.parse("blackhole 10.244.2.0/24 table 201 proto bird", "201")).isEmpty();
        assertThat(KernelRouteEvent.parse("", "201")).isEmpty();
    }
}

package dev.faultlab.fault;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultRegistryTest {
    private final FaultRegistry registry = FaultRegistry.load();

    @Test
    void findsEveryFaultByName() {
        assertThat(registry.names()).containsExactly("bridge-nf-call-iptables-off", "listen-backlog",
                "routing-agent-kill", "snat-port-range", "tunnel-mtu-blackhole", "vtep-mac-change");
        assertThat(registry.named("vtep-mac-change")).isInstanceOf(VtepMacChange.class);
        assertThat(registry.all()).allSatisfy(f -> {
            assertThat(f.info().description()).isNotBlank();
            assertThat(f.info().parameters()).isNotEmpty();
        });
    }

    @Test
    void unknownFaultListsTheKnownOnes() {
        assertThatThrownBy(() -> registry.named("mtu")).hasMessage("unknown fault 'mtu': use one of "
                + String.join(", ", registry.names()));
    }

    @Test
    void validateRejectsUnknownParameters() {
        assertThatThrownBy(() -> registry.validate(new FaultSpec("routing-agent-kill", Map.of("nod", "node-3"))))
                .hasMessage("'nod' is not a parameter of fault 'routing-agent-kill': use node, signal, within-seconds");
    }

    @Test
    void paramsExplainMissingAndMalformedValues() {
        FaultParams params = new FaultParams("tunnel-mtu-blackhole", Map.of("mtu", "big", "filter-icmp", "yes",
                "nodes", "node-1, node-2,"));

        assertThatThrownBy(() -> params.string("client")).hasMessage(
                "fault 'tunnel-mtu-blackhole' needs parameter 'client': add it under fault.params");
        assertThatThrownBy(() -> params.integer("mtu", 1440)).hasMessageContaining("must be a number, got 'big'");
        assertThatThrownBy(() -> params.bool("filter-icmp", true)).hasMessageContaining("must be true or false");
        assertThat(params.list("nodes")).containsExactly("node-1", "node-2");
        assertThat(params.integer("absent", 7)).isEqualTo(7);
    }
}

package dev.faultlab.fault;

import org.junit.jupiter.api.Test;

import java.util.List;
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
            assertThat(f.info().parameters().names()).isNotEmpty();
            assertThat(f.info().parameters().help().values()).allSatisfy(h -> assertThat(h).isNotBlank());
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
                .hasMessage("fault routing-agent-kill has no parameter 'nod'; known: node, signal, within-seconds");
        assertThatThrownBy(() -> registry.validate(new FaultSpec("tunnel-mtu-blackhole",
                Map.of("nodes", "node-1", "client", "client", "mut", "1400"))))
                .hasMessage("fault tunnel-mtu-blackhole has no parameter 'mut'; known: nodes, mtu, pods, pod-mtu,"
                        + " device, client, filter-icmp");
    }

    @Test
    void bindingExplainsMissingAndMalformedValues() {
        Fault<TunnelMtuBlackhole.Params> mtu = new TunnelMtuBlackhole();
        assertThatThrownBy(() -> mtu.bind(new FaultSpec("tunnel-mtu-blackhole", Map.of("client", "client"))))
                .hasMessage("fault tunnel-mtu-blackhole needs parameter 'nodes' (nodes whose tunnel device gets the"
                        + " smaller MTU, comma-separated): add it under fault.params");
        assertThatThrownBy(() -> mtu.bind(new FaultSpec("tunnel-mtu-blackhole", Map.of("nodes", "node-1",
                "client", "client", "mtu", "big")))).hasMessageContaining("must be a number, got 'big'");
        assertThatThrownBy(() -> mtu.bind(new FaultSpec("tunnel-mtu-blackhole", Map.of("nodes", "node-1",
                "client", "client", "filter-icmp", "yes")))).hasMessageContaining("must be true or false");
        assertThatThrownBy(() -> mtu.bind(new FaultSpec("tunnel-mtu-blackhole", Map.of("nodes", "node-1"))))
                .hasMessageContaining("needs parameter 'client' while filter-icmp is true");
        assertThatThrownBy(() -> registry.validate(new FaultSpec("routing-agent-kill", Map.of("node", "node-3",
                "signal", "hup")))).hasMessageContaining("'signal' must be kill, term or stop, got 'hup'");
    }

    @Test
    void bindingAppliesTheDeclaredDefaults() {
        TunnelMtuBlackhole.Params params = new TunnelMtuBlackhole().bind(new FaultSpec("tunnel-mtu-blackhole",
                Map.of("nodes", "node-1, node-2,", "client", "client")));
        assertThat(params.nodes()).containsExactly("node-1", "node-2");
        assertThat(params.mtu()).isEqualTo(1440);
        assertThat(params.podMtu()).isEqualTo(1500);
        assertThat(params.pods()).isEmpty();
        assertThat(params.device()).isEmpty();
        assertThat(params.filterIcmp()).isTrue();
        assertThat(new TunnelMtuBlackhole().info().parameters().help())
                .containsEntry("mtu", "the tunnel MTU (default 1440)")
                .containsEntry("filter-icmp", "drop ICMP fragmentation-needed toward the client (default true)");
    }

    @Test
    void typedParametersRoundTripThroughTheScenarioFileForm() {
        TunnelMtuBlackhole.Params typed = new TunnelMtuBlackhole.Params(List.of("node-1", "node-2"), 1400, "client");
        FaultSpec spec = registry.spec(typed);
        assertThat(spec.name()).isEqualTo("tunnel-mtu-blackhole");
        assertThat(spec.params()).containsEntry("nodes", "node-1,node-2").containsEntry("mtu", "1400")
                .containsEntry("client", "client").doesNotContainKey("device");
        assertThat(new TunnelMtuBlackhole().bind(spec)).isEqualTo(typed);
        assertThatThrownBy(() -> registry.spec(new FaultSpec("x", Map.of())))
                .hasMessageContaining("is not the parameter record of an installed fault");
    }

    @Test
    void aParameterRecordWithoutDescriptionsIsRefused() {
        record Undocumented(String node) {
        }
        assertThatThrownBy(() -> FaultParameters.of(Undocumented.class)).hasMessageContaining("has no @Param");
    }
}

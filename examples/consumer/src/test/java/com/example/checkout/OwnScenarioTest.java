package com.example.checkout;

import dev.faultlab.junit.FaultScenario;
import dev.faultlab.scenario.Scenario;
import dev.faultlab.scenario.ScenarioCatalog;
import dev.faultlab.scenario.ScenarioResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** This project's own YAML scenarios: lab-scenarios/ is searched before the built-ins. */
class OwnScenarioTest {
    @Test
    @FaultScenario("payments-bridge-nf")
    void ownScenarioByName(ScenarioResult result) {
        assertThat(result.passed()).as(result.verdict()).isTrue();
        assertThat(result.scenario().source()).hasFileName("payments-bridge-nf.yaml");
        assertThat(result.layout().pod("pod-1-c")).isPresent();
    }

    @Test
    @FaultScenario(file = "src/test/scenarios/payments-retry-burst.yaml")
    void ownScenarioFileExtendingAnother(ScenarioResult result) {
        assertThat(result.passed()).as(result.verdict()).isTrue();
        assertThat(result.scenario().workload().clients()).singleElement()
                .satisfies(c -> assertThat(c.args()).containsEntry("count", "4"));
    }

    @Test
    void aBuiltInExtendedWithAVariant() {
        ScenarioCatalog catalog = ScenarioCatalog.loadDefault();
        Scenario orders = catalog.find("orders-backlog");

        assertThat(orders.variantNames()).containsExactly("default", "abort-on-overflow", "syncookies-off",
                "orders-backlog-8");
        assertThat(orders.setup("orders-backlog-8").expectation().attributes()).containsEntry("backlog", "8");
        assertThat(orders.workload()).isEqualTo(catalog.find("listen-backlog-overflow").workload());
        assertThat(catalog.all()).extracting(Scenario::name).contains("payments-bridge-nf", "orders-backlog",
                "tunl0-mtu-blackhole");
    }
}

package com.example.checkout;

import dev.faultlab.junit.FaultMatrix;
import dev.faultlab.junit.FaultScenario;
import dev.faultlab.scenario.ScenarioResult;
import dev.faultlab.scenario.report.MatrixCase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A scenario that ships inside the faultlab jar, used by name: nothing of it is in this project. */
@FaultScenario("bridge-nf-call-iptables-off")
class BuiltInScenarioTest {
    @Test
    void namesBridgeNetfilterAsTheRootCause(ScenarioResult result) {
        assertThat(result.passed()).as(result.verdict()).isTrue();
        assertThat(result.expectedCause()).isEqualTo("bridge-netfilter-off");
        assertThat(result.diagnosis().findings()).anyMatch(f -> f.isRootCause() && f.cause().equals("bridge-netfilter-off"));
    }

    /** With and without the fault; Surefire's XML names each run, e.g. "bridge-nf-call-iptables-off · no fault". */
    @FaultMatrix
    void everyRunAsExpected(MatrixCase run, ScenarioResult result) {
        assertThat(result.passed()).as(result.verdict()).isTrue();
        assertThat(result.faultInjected()).isEqualTo(!run.noFault());
    }
}

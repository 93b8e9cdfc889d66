package dev.faultlab.scenario;

import dev.faultlab.detect.Finding;
import dev.faultlab.detect.Tier;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictTest {
    private static final Expectation ROUTE = new Expectation("route-missing",
            Map.of("node", "node-3", "podCidr", "10.244.3.0/24"));

    @Test
    void passesWhenTheExpectedCauseMatchesAndNothingElseIsNamed() {
        Verdict v = Verdict.judge(ROUTE, List.of(symptom(), route("node-3", "10.244.3.0/24")));

        assertThat(v.passed()).isTrue();
        assertThat(v.line()).startsWith("PASS: route-missing");
    }

    @Test
    void failsWhenAttributesDiffer() {
        Verdict v = Verdict.judge(ROUTE, List.of(route("node-2", "10.244.2.0/24")));

        assertThat(v.passed()).isFalse();
        assertThat(v.line()).contains("expected route-missing").contains("node=node-2");
    }

    @Test
    void failsWhenAnotherRootCauseIsNamedToo() {
        Verdict v = Verdict.judge(ROUTE, List.of(route("node-3", "10.244.3.0/24"), finding("listen-overflow", Map.of())));

        assertThat(v.passed()).isFalse();
        assertThat(v.line()).contains("but also listen-overflow");
    }

    @Test
    void failsWhenOnlyTheSymptomIsFound() {
        Verdict v = Verdict.judge(ROUTE, List.of(symptom()));

        assertThat(v.passed()).isFalse();
        assertThat(v.line()).contains("no root cause").contains("syn-unanswered");
    }

    @Test
    void baselinePassesWithTheSymptomAlone() {
        assertThat(Verdict.judge(null, List.of(symptom())).passed()).isTrue();
        assertThat(Verdict.judge(null, List.of()).passed()).isTrue();
    }

    @Test
    void baselineFailsOnAnyRootCause() {
        Verdict v = Verdict.judge(null, List.of(route("node-3", "10.244.3.0/24")));

        assertThat(v.passed()).isFalse();
        assertThat(v.line()).contains("expected no root cause").contains("route-missing");
    }

    @Test
    void listValuedAttributesCompareAsSets() {
        Expectation stale = new Expectation("vxlan-stale-neighbor", Map.of("nodes", "node-3,node-4"));

        assertThat(Verdict.judge(stale, List.of(finding("vxlan-stale-neighbor", Map.of("nodes", "node-4, node-3"))))
                .passed()).isTrue();
        assertThat(Verdict.judge(stale, List.of(finding("vxlan-stale-neighbor", Map.of("nodes", "node-4"))))
                .passed()).isFalse();
    }

    @Test
    void faultFactsFillPlaceholders() {
        Expectation stale = new Expectation("vxlan-stale-neighbor", Map.of("staleMac", "${fault.old-mac}"));

        Expectation resolved = stale.resolve(Map.of("old-mac", "aa:bb:cc:dd:ee:ff"));

        assertThat(resolved.attributes()).containsEntry("staleMac", "aa:bb:cc:dd:ee:ff");
        assertThat(Verdict.judge(resolved, List.of(finding("vxlan-stale-neighbor",
                Map.of("staleMac", "aa:bb:cc:dd:ee:ff")))).passed()).isTrue();
    }

    @Test
    void aFailedHealCheckFailsAPass() {
        Verdict v = Verdict.judge(ROUTE, List.of(route("node-3", "10.244.3.0/24"))).and(false, "heal failed");

        assertThat(v.passed()).isFalse();
        assertThat(v.line()).startsWith("FAIL: route-missing").endsWith("; heal failed");
    }

    private static Finding symptom() {
        return finding("syn-unanswered", Map.of("destination", "10.244.3.2:8080"));
    }

    private static Finding route(String node, String cidr) {
        return finding("route-missing", Map.of("node", node, "podCidr", cidr));
    }

    static Finding finding(String cause, Map<String, String> attributes) {
        return new Finding(cause, "syn-unanswered".equals(cause) ? Tier.SYMPTOM : Tier.ROOT_CAUSE,
                cause + " summary", "explanation", "remediation", 0.9, List.of(), attributes);
    }
}

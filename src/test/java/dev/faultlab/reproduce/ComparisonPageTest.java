package dev.faultlab.reproduce;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The comparison: which rows decide the verdict, how each difference is named, and the page that shows it. The
 * page must be well-formed and render in headless Chromium with the verdict and one row per fact.
 */
class ComparisonPageTest {
    @TempDir
    Path dir;

    private static Comparison differing() {
        Signature customer = new Signature("tunnel-mtu-blackhole", Map.of("mtu", "1420", "payload", "1398",
                "device", "tunl0"), "0.2s 0.6s", Set.of("IpFragFails"), Set.of());
        Signature lab = new Signature("tunnel-mtu-blackhole", Map.of("mtu", "1440", "payload", "1398",
                "device", "tunl0"), "0.2s 0.6s 1.4s", Set.of(), Set.of());
        return Comparison.of(customer, lab, Set.of("mtu", "payload"), Set.of(), Set.of(), null);
    }

    @Test
    void eachDifferenceIsNamed() {
        Comparison comparison = differing();
        assertThat(comparison.reproduced()).isFalse();
        assertThat(comparison.differences()).containsExactly("mtu is 1440 in the lab, 1420 at the customer",
                "counters rose at the customer but not in the lab: IpFragFails");
        assertThat(comparison.verdict()).startsWith("differs: mtu is 1440");
        // the schedule differs too, but timing is shown, not compared
        assertThat(comparison.rows()).filteredOn(r -> r.what().startsWith("retransmissions"))
                .singleElement().satisfies(r -> assertThat(r.compared()).isFalse());
    }

    @Test
    void aBaselineRootCauseIsADifference() {
        Signature same = new Signature("listen-overflow", Map.of("port", "80"), "", Set.of(), Set.of());
        Comparison comparison = Comparison.of(same, same, Set.of("port"), Set.of(), Set.of("route-missing"), null);
        assertThat(comparison.verdict()).isEqualTo("differs: the lab names route-missing without the fault too");
        assertThat(Comparison.of(same, same, Set.of("port"), Set.of(), Set.of(), null).verdict()).isEqualTo("reproduced");
    }

    /**
     * Counters that rise with the clients' arrival timing are shown, not required; the cause's own counters still
     * are. listen-overflow's SYN-queue counters come from its CauseParameters, not from the test.
     */
    @Test
    void countersThatRiseWithArrivalTimingAreShownNotRequired() {
        Set<String> timing = new ListenOverflowParameters().arrivalTimingCounters();
        assertThat(timing).contains("TcpExtSyncookiesSent").doesNotContain("TcpExtListenOverflows");
        Signature customer = new Signature("listen-overflow", Map.of("port", "80"), "",
                Set.of("TcpExtListenOverflows", "TcpExtSyncookiesSent"), Set.of());
        Signature labWithout = new Signature("listen-overflow", Map.of("port", "80"), "",
                Set.of("TcpExtListenOverflows"), Set.of());
        Comparison comparison = Comparison.of(customer, labWithout, Set.of("port"), timing, Set.of(), null);
        assertThat(comparison.verdict()).isEqualTo("reproduced");
        assertThat(comparison.rows()).filteredOn(r -> r.what().contains("arrival timing")).singleElement()
                .satisfies(r -> {
                    assertThat(r.compared()).isFalse();
                    assertThat(r.customer()).isEqualTo("TcpExtSyncookiesSent");
                });
        Signature labWithoutOverflow = new Signature("listen-overflow", Map.of("port", "80"), "",
                Set.of("TcpExtSyncookiesSent"), Set.of());
        assertThat(Comparison.of(customer, labWithoutOverflow, Set.of("port"), timing, Set.of(), null).differences())
                .containsExactly("counters rose at the customer but not in the lab: TcpExtListenOverflows");
    }

    @Test
    void thePageIsWellFormedAndRendersInChromium() throws Exception {
        Comparison comparison = differing();
        List<FilledValue> filled = List.of(FilledValue.of("fault.params.mtu", 1420, "node-1/ip-link.json: tunl0 mtu 1420"),
                FilledValue.of("incident", "<script>alert(1)</script>", "a value with markup"));
        Path page = ComparisonPage.write(dir, "tunnel-mtu-blackhole {mtu=1420}", dir.resolve("s.yaml"), filled,
                comparison, List.of("lab-fault/report.html"));
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(page.toFile());
        Element table = (Element) xml.getElementsByTagName("table").item(0);
        NodeList rows = table.getElementsByTagName("tr");
        assertThat(rows.getLength()).isEqualTo(comparison.rows().size() + 1);
        assertThat(xml.getDocumentElement().getTextContent()).contains("<script>alert(1)</script>");

        String chromium = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser").stream()
                .filter(p -> Path.of(p).toFile().canExecute()).findFirst().orElse(null);
        assumeThat(chromium).as("Debian's chromium (ci/install-deps.sh installs it)").isNotNull();
        Process browser = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + dir.resolve("profile"), "--dump-dom", page.toUri().toString())
                .redirectError(dir.resolve("chromium.log").toFile()).start();
        String dom = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(browser.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(dom).contains("id=\"verdict\"").contains(comparison.verdict())
                .doesNotContain("<script>alert(1)</script>");
        assertThat(dom.split("<tr class=\"differs\"", -1)).hasSize(3);
    }
}

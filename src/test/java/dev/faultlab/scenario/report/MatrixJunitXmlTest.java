package dev.faultlab.scenario.report;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MatrixJunitXmlTest {
    private static MatrixOutcome run(String scenario, String variant, boolean fault, String expected,
                                     Map<String, Integer> found, String report, String error) {
        return new MatrixOutcome(scenario, variant, fault, expected, found, Map.of(), Duration.ofMillis(1500),
                report, error);
    }

    private final ConfusionMatrix matrix = new ConfusionMatrix(List.of(
            run("kube-router-kill", null, true, "route-missing", Map.of("route-missing", 1),
                    "kube-router-kill-fault/report.html", null),
            run("tunl0-mtu-blackhole", "icmp-delivered", false, null, Map.of("tunnel-mtu-blackhole", 2),
                    "tunl0-mtu-blackhole-icmp-delivered-no-fault/report.html", null),
            run("flannel-mac-change", null, true, "vxlan-stale-neighbor", Map.of(), null,
                    "cannot create namespace <fl-x> & \"quoted\"")));

    @Test
    void oneValidTestcasePerRunWithNameTimeVerdictAndReport() throws Exception {
        Document xml = JunitXmlFixtures.parseValid(MatrixJunitXml.render(matrix, Path.of("out"), "faultlab matrix 1/2",
                Map.of("backend", "netns")));

        Element suite = (Element) xml.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("tests")).isEqualTo("3");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("1");
        assertThat(suite.getAttribute("name")).isEqualTo("faultlab matrix 1/2");
        NodeList cases = xml.getElementsByTagName("testcase");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            names.add(((Element) cases.item(i)).getAttribute("name"));
        }
        assertThat(names).containsExactly("kube-router-kill · fault", "tunl0-mtu-blackhole/icmp-delivered · no fault",
                "flannel-mac-change · fault");

        Element passed = (Element) cases.item(0);
        assertThat(passed.getAttribute("time")).isEqualTo("1.500");
        assertThat(passed.getElementsByTagName("failure").getLength()).isZero();
        assertThat(property(passed, "report")).isEqualTo(Path.of("out", "kube-router-kill-fault", "report.html").toString());

        Element falseAlarm = (Element) cases.item(1);
        Element failure = (Element) falseAlarm.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("expected no root cause, found {tunnel-mtu-blackhole=2}");
        assertThat(falseAlarm.getElementsByTagName("system-out").item(0).getTextContent())
                .contains("[[ATTACHMENT|" + Path.of("out", "tunl0-mtu-blackhole-icmp-delivered-no-fault", "report.html") + "]]");

        Element broken = (Element) cases.item(2);
        assertThat(((Element) broken.getElementsByTagName("error").item(0)).getAttribute("message"))
                .isEqualTo("could not run: cannot create namespace <fl-x> & \"quoted\"");
        assertThat(broken.getElementsByTagName("properties").getLength()).isZero();
    }

    private static String property(Element testcase, String name) {
        NodeList properties = testcase.getElementsByTagName("property");
        for (int i = 0; i < properties.getLength(); i++) {
            Element p = (Element) properties.item(i);
            if (p.getAttribute("name").equals(name)) {
                return p.getAttribute("value");
            }
        }
        return null;
    }
}

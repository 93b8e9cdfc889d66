package dev.faultlab.scenario.report;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SequenceDiagramSvgTest {
    private static Document render(List<TimelineMarker> markers) throws Exception {
        return render(new TimelineBuilder(HostMap.of(LabFixtures.layout()))
                .build(LabFixtures.mtuBlackhole(), "client-eth0.pcapng", 1, "test", markers).orElseThrow());
    }

    private static Document render(Timeline timeline) throws Exception {
        String svg = SequenceDiagramSvg.render(timeline).toString();
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> withClass(Document doc, String tag, String cssClass) {
        NodeList nodes = doc.getElementsByTagName(tag);
        List<Element> found = new java.util.ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if (List.of(e.getAttribute("class").split(" ")).contains(cssClass)) {
                found.add(e);
            }
        }
        return found;
    }

    @Test
    void oneLifelinePerHostAndOneArrowPerPacket() throws Exception {
        Document doc = render(List.of());

        assertThat(withClass(doc, "text", "host-name")).extracting(Element::getTextContent)
                .containsExactly("client", "node-1", "pod-2-a");
        assertThat(withClass(doc, "g", "packet")).hasSize(7);
        assertThat(withClass(doc, "line", "arrow")).hasSize(7);
    }

    @Test
    void lostPacketsEndInACrossBeforeTheirDestinationAndRetransmissionsAreRed() throws Exception {
        Document doc = render(List.of());

        List<Element> lost = withClass(doc, "g", "lost");
        assertThat(lost).hasSize(2);
        Element lostArrow = (Element) lost.get(0).getElementsByTagName("line").item(0);
        Element delivered = withClass(doc, "line", "arrow").get(0);
        assertThat(Integer.parseInt(lostArrow.getAttribute("x2")))
                .isLessThan(Integer.parseInt(delivered.getAttribute("x2")));
        assertThat(lostArrow.getAttribute("marker-end")).as("no arrow head on a lost packet").isEmpty();
        assertThat(withClass(doc, "g", "unconfirmed")).as("every destination here was captured").isEmpty();
        assertThat(withClass(doc, "line", "cross")).hasSize(4);
        assertThat(withClass(doc, "g", "retx")).hasSize(1);
        assertThat(lost.get(0).getElementsByTagName("title").item(0).getTextContent())
                .contains("frame 4").contains("never seen at pod-2-a");
    }

    @Test
    void aPacketPastTheLastCapturePointContinuesDottedToItsDestination() throws Exception {
        TimelineEvent syn = new TimelineEvent(LabFixtures.T0, "pod-1-a", "pod-2-a", "node-1", "[SYN] seq=0", false,
                false, "node-1-eth0.pcapng", 1);
        Document doc = render(new Timeline("t", "r", List.of("pod-1-a", "node-1", "pod-2-a"), List.of(syn),
                List.of(), 0));

        assertThat(withClass(doc, "g", "unconfirmed")).hasSize(1);
        List<Element> lines = withClass(doc, "line", "arrow");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).getAttribute("x2")).as("solid up to node-1").isEqualTo(lines.get(1).getAttribute("x1"));
        assertThat(lines.get(1).getAttribute("class")).contains("beyond");
        assertThat(lines.get(1).getAttribute("marker-end")).isEqualTo("url(#head-ok)");
        assertThat(withClass(doc, "line", "cross")).isEmpty();
    }

    @Test
    void markersCrossTheDiagramAtTheirTime() throws Exception {
        Document doc = render(List.of(new TimelineMarker(LabFixtures.T0.plusMillis(9), "fault injected")));

        List<Element> labels = withClass(doc, "text", "marker-label");
        assertThat(labels).extracting(Element::getTextContent).containsExactly("⚡ fault injected");
        List<Element> times = withClass(doc, "text", "time");
        assertThat(times).hasSize(8);
        assertThat(times.get(3).getTextContent()).as("the marker sits between the handshake and the data")
                .isEqualTo("+0.009 s");
    }
}

package dev.faultlab.scenario.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultlab.detect.DiagnosisReport;
import dev.faultlab.detect.Evidence;
import dev.faultlab.detect.Finding;
import dev.faultlab.scenario.ScenarioResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Parses the written report.html as XML and checks its structure, and report.json's content. */
class ReportWriterTest {
    @TempDir
    Path out;

    private Document html(ScenarioResult result) throws Exception {
        ReportWriter.ReportFiles files = ReportWriter.write(result);
        assertThat(files.html()).isEqualTo(out.resolve("report.html"));
        byte[] page = Files.readAllBytes(files.html());
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(page));
    }

    private static NodeList select(Document doc, String xpath) throws Exception {
        return (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, doc, XPathConstants.NODESET);
    }

    private static List<String> texts(NodeList nodes) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }

    @Test
    void verdictComesFirstThenFindingsEvidenceTimelineLayoutAndFiles() throws Exception {
        Document doc = html(ResultFixtures.mtuRun(out, true));

        Element firstBlock = (Element) select(doc, "//main/*[2]/following-sibling::div[1]").item(0);
        assertThat(firstBlock.getAttribute("class")).isEqualTo("verdict pass");
        assertThat(texts(select(doc, "//h2"))).containsExactly("Findings", "Evidence",
                "Timeline", "Lab layout", "Files", "Run notes");
        assertThat(texts(select(doc, "//div[@class='fact']/div[@class='k']"))).startsWith("expected cause",
                "found root cause");
        assertThat(texts(select(doc, "//div[contains(@class,'card')]//span[@class='cause']")))
                .containsExactly("tunnel-mtu-blackhole", "syn-unanswered");
        assertThat(texts(select(doc, "//p[@class='remedy']"))).first().asString().contains("clamp MSS");
    }

    @Test
    void evidenceRowsLinkTheCaptureFileRelativelyAndKeepFrameNumbers() throws Exception {
        Document doc = html(ResultFixtures.mtuRun(out, false));

        NodeList rows = select(doc, "//table[@class='evidence']/tr[td]");
        assertThat(rows.getLength()).isEqualTo(2);
        Element link = (Element) select(doc, "//table[@class='evidence']//a").item(0);
        assertThat(link.getAttribute("href")).isEqualTo("captures/client-eth0.pcapng");
        assertThat(texts(select(doc, "//table[@class='evidence']/tr[td]/td[3]"))).containsExactly("4", "");
        assertThat(texts(select(doc, "//table[@class='evidence']/tr[td]/td[6]")).get(0))
                .as("detail text is escaped, not parsed").contains("<never acknowledged> &");
        assertThat(((Element) select(doc, "//div[contains(@class,'verdict')]").item(0)).getAttribute("class"))
                .isEqualTo("verdict fail");
    }

    @Test
    void longEvidenceListsFoldAwayAfterTheFirstRows() throws Exception {
        ScenarioResult run = ResultFixtures.mtuRun(out, true);
        Finding root = run.diagnosis().findings().get(0);
        List<Evidence> many = java.util.stream.IntStream.rangeClosed(1, 9)
                .mapToObj(i -> new Evidence("client-eth0.pcapng", i, null, null, "retransmission #" + i)).toList();
        Finding longer = new Finding(root.cause(), root.tier(), root.summary(), root.explanation(),
                root.remediation(), root.confidence(), many, root.attributes());
        DiagnosisReport diagnosis = new DiagnosisReport(List.of(longer), 17, 0, 0, 1, List.of(), List.of(), List.of());
        Document doc = html(new ScenarioResult(run.scenario(), run.variant(), true, run.expectedCause(), diagnosis,
                out, run.captures(), run.stateDirs(), run.layout(), run.elapsed(), true, run.verdict(), run.log(),
                run.notes()));

        assertThat(select(doc, "//h2[.='Evidence']/following-sibling::table[1]/tr[td]").getLength()).isEqualTo(6);
        assertThat(texts(select(doc, "//details[@class='more']/summary")))
                .containsExactly("3 more for tunnel-mtu-blackhole");
        assertThat(select(doc, "//details[@class='more']/table/tr[td]").getLength()).isEqualTo(3);
    }

    @Test
    void timelineDrawsThePacketsWithLossRetransmissionAndTheFaultMoment() throws Exception {
        Document doc = html(ResultFixtures.mtuRun(out, false));

        assertThat(texts(select(doc, "//*[local-name()='svg']//*[local-name()='text'][@class='host-name']")))
                .containsExactly("client", "node-1", "pod-2-a");
        assertThat(select(doc, "//*[local-name()='g'][contains(@class,'packet')]").getLength()).isEqualTo(7);
        assertThat(select(doc, "//*[local-name()='g'][contains(@class,'lost')]").getLength()).isEqualTo(2);
        assertThat(select(doc, "//*[local-name()='g'][contains(@class,'retx')]").getLength()).isEqualTo(1);
        assertThat(texts(select(doc, "//*[local-name()='text'][@class='marker-label']")))
                .containsExactly("⚡ fault injected: tunnel-mtu-blackhole");
    }

    @Test
    void pageIsSelfContained() throws Exception {
        Document doc = html(ResultFixtures.mtuRun(out, true));

        assertThat(select(doc, "//script | //link | //img | //iframe").getLength()).isZero();
        NodeList hrefs = select(doc, "//@href | //@src");
        for (String href : texts(hrefs)) {
            assertThat(href).doesNotContain("://").doesNotStartWith("/");
        }
        assertThat(select(doc, "//head/style").getLength()).isEqualTo(1);
    }

    @Test
    void jsonHasTheRunAndTheDiagnosisFindings() throws Exception {
        ReportWriter.write(ResultFixtures.mtuRun(out, true));
        JsonNode json = new ObjectMapper().readTree(out.resolve("report.json").toFile());

        assertThat(json.get("scenario").get("name").asText()).isEqualTo("tunl0-mtu-blackhole");
        assertThat(json.get("passed").asBoolean()).isTrue();
        assertThat(json.get("expectedCause").asText()).isEqualTo("tunnel-mtu-blackhole");
        assertThat(json.get("elapsedSeconds").asDouble()).isEqualTo(21.4);
        assertThat(json.get("captures").get(0).asText()).isEqualTo("captures/client-eth0.pcapng");
        assertThat(json.get("stateDirs").get("before").asText()).isEqualTo("state/before");
        JsonNode finding = json.get("diagnosis").get("findings").get(0);
        assertThat(finding.get("cause").asText()).isEqualTo("tunnel-mtu-blackhole");
        assertThat(finding.get("evidence").get(0).get("frame").asLong()).isEqualTo(4);
        assertThat(json.get("layout").get("nodes")).hasSize(2);
    }
}

package dev.faultlab.scenario.report;

import org.w3c.dom.Document;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import java.io.IOException;
import java.io.StringReader;
import java.net.URL;

import org.xml.sax.InputSource;

/** Parses JUnit XML with the JDK's parser after validating it against the common JUnit schema (test resources). */
public final class JunitXmlFixtures {
    private JunitXmlFixtures() {
    }

    public static Document parseValid(String xml) throws IOException, SAXException, ParserConfigurationException {
        URL schema = JunitXmlFixtures.class.getResource("/junit-xml/junit.xsd");
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(schema).newValidator()
                .validate(new StreamSource(new StringReader(xml)));
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }
}

package dev.faultlab.scenario.report;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link ConfusionMatrix} as JUnit XML (the Ant/Surefire shape GitHub, GitLab and Jenkins read): one
 * {@code testsuite}, one {@code testcase} per run named as the run ({@code scenario/variant · no fault}), with
 * its time, the verdict as the failure message (an {@code error} when the run could not complete), and the path
 * of its report.html as a property and as GitLab's {@code [[ATTACHMENT|...]]} line.
 */
public final class MatrixJunitXml {
    /** The {@code classname} prefix, so CI systems group the runs under one package. */
    static final String PACKAGE = "faultlab.matrix";

    private MatrixJunitXml() {
    }

    /**
     * The XML text. {@code reportRoot} is where the outcomes' relative report paths start (the matrix output
     * directory), {@code suite} names the suite (e.g. {@code faultlab matrix 2/3}).
     */
    public static String render(ConfusionMatrix matrix, Path reportRoot, String suite, Map<String, String> properties) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            long failures = matrix.outcomes().stream().filter(o -> !o.passed() && o.error() == null).count();
            long errors = matrix.outcomes().stream().filter(o -> o.error() != null).count();
            String total = seconds(matrix.outcomes().stream().mapToLong(o -> o.elapsed().toMillis()).sum());
            xml.writeStartElement("testsuites");
            attributes(xml, suite, matrix.outcomes().size(), failures, errors, total);
            xml.writeCharacters("\n  ");
            xml.writeStartElement("testsuite");
            attributes(xml, suite, matrix.outcomes().size(), failures, errors, total);
            xml.writeAttribute("skipped", "0");
            xml.writeCharacters("\n    ");
            xml.writeStartElement("properties");
            for (Map.Entry<String, String> p : properties.entrySet()) {
                xml.writeCharacters("\n      ");
                property(xml, p.getKey(), p.getValue());
            }
            xml.writeCharacters("\n    ");
            xml.writeEndElement();
            for (MatrixOutcome o : matrix.outcomes()) {
                testcase(xml, o, reportRoot);
            }
            xml.writeCharacters("\n  ");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML: " + e.getMessage(), e);
        }
        return text.toString();
    }

    public static void write(Path file, ConfusionMatrix matrix, Path reportRoot, String suite,
                             Map<String, String> properties) {
        try {
            Files.writeString(file, render(matrix, reportRoot, suite, properties));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void testcase(XMLStreamWriter xml, MatrixOutcome o, Path reportRoot) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("name", o.displayName());
        xml.writeAttribute("classname", PACKAGE + "." + o.row());
        xml.writeAttribute("time", seconds(o.elapsed().toMillis()));
        String report = o.report() == null ? null : reportRoot.resolve(o.report()).toString();
        if (report != null) {
            xml.writeCharacters("\n      ");
            xml.writeStartElement("properties");
            xml.writeCharacters("\n        ");
            property(xml, "report", report);
            xml.writeCharacters("\n      ");
            xml.writeEndElement();
        }
        if (!o.passed()) {
            xml.writeCharacters("\n      ");
            xml.writeStartElement(o.error() != null ? "error" : "failure");
            xml.writeAttribute("message", o.verdict());
            xml.writeAttribute("type", o.error() != null ? "LabError" : "VerdictMismatch");
            xml.writeCharacters(o.verdict() + (report == null ? "" : "\nreport: " + report));
            xml.writeEndElement();
        }
        xml.writeCharacters("\n      ");
        xml.writeStartElement("system-out");
        xml.writeCharacters(o.verdict() + (report == null ? "" : "\nreport: " + report + "\n[[ATTACHMENT|" + report + "]]"));
        xml.writeEndElement();
        xml.writeCharacters("\n    ");
        xml.writeEndElement();
    }

    private static void attributes(XMLStreamWriter xml, String name, int tests, long failures, long errors,
                                   String time) throws XMLStreamException {
        xml.writeAttribute("name", name);
        xml.writeAttribute("tests", Integer.toString(tests));
        xml.writeAttribute("failures", Long.toString(failures));
        xml.writeAttribute("errors", Long.toString(errors));
        xml.writeAttribute("time", time);
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", value);
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}

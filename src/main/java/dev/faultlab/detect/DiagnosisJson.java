package dev.faultlab.detect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link DiagnosisReport} as JSON through Jackson's streaming generator, field by field, in the shape
 * (and with the indentation) that Jackson's object mapper gives the records. Why not the mapper: building it and
 * introspecting the five record types costs more CPU than a diagnosis of a small capture does (about 0.08 s of
 * ~0.4 s), and every CI run and every scripted {@code diagnose --json} pays it. {@code DiagnosisJsonTest} holds
 * this writer to the mapper's output on every recorded lab run, so a component added to a record without a line
 * here fails there. The {@code rootCause} field is the mapper's reading of {@link Finding#isRootCause()}, kept
 * because scripts read it.
 */
final class DiagnosisJson {
    private DiagnosisJson() {
    }

    static String write(DiagnosisReport report) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
            json.setPrettyPrinter(new DefaultPrettyPrinter());
            json.writeStartObject();
            json.writeArrayFieldStart("findings");
            for (Finding finding : report.findings()) {
                finding(json, finding);
            }
            json.writeEndArray();
            json.writeNumberField("packets", report.packets());
            json.writeNumberField("badFrames", report.badFrames());
            json.writeNumberField("truncatedFrames", report.truncatedFrames());
            json.writeNumberField("conversations", report.conversations());
            strings(json, "captures", report.captures());
            strings(json, "stateDirs", report.stateDirs());
            strings(json, "notes", report.notes());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("report not writable as JSON: " + e.getMessage(), e);
        }
        return text.toString();
    }

    private static void finding(JsonGenerator json, Finding finding) throws IOException {
        json.writeStartObject();
        json.writeStringField("cause", finding.cause());
        json.writeStringField("tier", finding.tier().id());
        json.writeStringField("summary", finding.summary());
        json.writeStringField("explanation", finding.explanation());
        json.writeStringField("remediation", finding.remediation());
        json.writeNumberField("confidence", finding.confidence());
        json.writeArrayFieldStart("evidence");
        for (Evidence evidence : finding.evidence()) {
            json.writeStartObject();
            json.writeStringField("source", evidence.source());
            json.writeNumberField("frame", evidence.frame());
            json.writeStringField("time", evidence.time());
            json.writeStringField("flow", evidence.flow());
            json.writeStringField("detail", evidence.detail());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeObjectFieldStart("attributes");
        for (Map.Entry<String, String> attribute : finding.attributes().entrySet()) {
            json.writeStringField(attribute.getKey(), attribute.getValue());
        }
        json.writeEndObject();
        json.writeArrayFieldStart("lookAlikes");
        for (LookAlikeCheck check : finding.lookAlikes()) {
            json.writeStartObject();
            json.writeStringField("lookAlike", check.lookAlike().id());
            json.writeBooleanField("excluded", check.excluded());
            json.writeStringField("fact", check.fact());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeStringField("confirmWith", finding.confirmWith());
        json.writeBooleanField("rootCause", finding.isRootCause());
        json.writeEndObject();
    }

    private static void strings(JsonGenerator json, String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }
}

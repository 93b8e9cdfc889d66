package dev.faultlab.scenario.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Renders report.html: one self-contained page (inline CSS and SVG, no scripts, no external assets) that opens
 * from a CI artifact or a mail attachment exactly as it looked on the machine that wrote it.
 */
final class HtmlReport {
    private static final List<ReportSection> SECTIONS = List.of(new VerdictSection(), new FindingsSection(),
            new EvidenceSection(), new TimelineSection(), new LayoutSection(), new FilesSection(), new LogSection());

    private HtmlReport() {
    }

    public static String render(ReportContext context) {
        Markup page = new Markup();
        page.trusted("<!DOCTYPE html>\n");
        page.open("html", "lang", "en").open("head")
                .empty("meta", "charset", "utf-8")
                .empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1")
                .element("title", (context.result().passed() ? "PASS" : "FAIL") + " · "
                        + context.result().scenario().name() + " · faultlab")
                .open("style").trusted(STYLE).close("style")
                .close("head");
        page.open("body").open("main");
        SECTIONS.forEach(section -> section.render(context, page));
        page.close("main").close("body").close("html");
        return page.toString();
    }

    private static final String STYLE = loadStyle();

    private static String loadStyle() {
        try (InputStream in = HtmlReport.class.getResourceAsStream("report.css")) {
            if (in == null) {
                throw new IllegalStateException("report.css missing from the faultlab jar: rebuild it (mvn package)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

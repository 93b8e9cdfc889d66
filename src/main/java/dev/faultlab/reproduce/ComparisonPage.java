package dev.faultlab.reproduce;

import dev.faultlab.scenario.report.Markup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code comparison.html}: the terminal's comparison as a page beside the lab runs' own reports, with the values
 * taken from the customer's evidence and their sources. Well-formed XHTML (every value escaped by {@link Markup}).
 */
final class ComparisonPage {
    public static final String FILE = "comparison.html";
    private static final String STYLE = "body{font-family:sans-serif;margin:2em;max-width:70em}"
            + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;"
            + "text-align:left;vertical-align:top}tr.differs td{background:#fde2e1}tr.same td.mark{color:#176f2c}"
            + "tr.shown td{color:#555}.verdict{font-size:1.3em;font-weight:bold}.verdict.differs{color:#b3261e}"
            + ".verdict.reproduced{color:#176f2c}code{font-size:.9em}";

    private ComparisonPage() {
    }

    /**
     * Writes the page into {@code outDir}.
     *
     * @param cause      the customer's root cause with its attributes, as one line
     * @param scenario   the regenerated scenario file
     * @param filled     the values from the customer's evidence
     * @param comparison customer against lab
     * @param labReports the lab runs' report pages, relative to {@code outDir}
     */
    public static Path write(Path outDir, String cause, Path scenario, List<FilledValue> filled, Comparison comparison,
                             List<String> labReports) {
        Markup page = new Markup().trusted("<!DOCTYPE html>")
                .open("html", "xmlns", "http://www.w3.org/1999/xhtml", "lang", "en").open("head")
                .empty("meta", "charset", "utf-8").element("title", "faultlab reproduce: " + comparison.verdict())
                .open("style").trusted(STYLE).close("style").close("head").open("body")
                .element("h1", "Customer and lab")
                .element("p", comparison.verdict(), "class", "verdict " + (comparison.reproduced() ? "reproduced"
                        : "differs"), "id", "verdict")
                .open("p").text("Customer's root cause: ").element("code", cause).close("p")
                .open("table", "id", "comparison").open("tr").element("th", "").element("th", "customer")
                .element("th", "").element("th", "lab").close("tr");
        for (Comparison.Row row : comparison.rows()) {
            String kind = !row.compared() ? "shown" : row.same() ? "same" : "differs";
            page.open("tr", "class", kind).element("td", row.what().strip()).element("td", row.customer())
                    .element("td", !row.compared() ? "~" : row.same() ? "=" : "\u2260", "class", "mark")
                    .element("td", row.lab()).close("tr");
        }
        page.close("table").element("p", "= agrees, \u2260 differs (decides the verdict), ~ shown only: timing and"
                + " addresses differ between any two networks.");
        page.element("h2", "The regenerated scenario").open("p").element("code", scenario.toString()).close("p")
                .open("table", "id", "values").open("tr").element("th", "value").element("th", "set to")
                .element("th", "from").close("tr");
        for (FilledValue v : filled) {
            page.open("tr").open("td").element("code", v.path()).close("td").element("td", v.value())
                    .element("td", v.source()).close("tr");
        }
        page.close("table").element("h2", "Lab runs").open("ul");
        for (String report : labReports) {
            page.open("li").element("a", report, "href", report).close("li");
        }
        page.close("ul").close("body").close("html");
        Path file = outDir.resolve(FILE);
        try {
            Files.createDirectories(outDir);
            Files.writeString(file, page.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }
}

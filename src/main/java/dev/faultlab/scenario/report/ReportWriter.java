package dev.faultlab.scenario.report;

import dev.faultlab.scenario.ScenarioResult;

import java.nio.file.Path;

/** Writes a run's {@value #JSON} and {@value #HTML} into its output directory. */
public final class ReportWriter {
    public static final String JSON = "report.json";
    public static final String HTML = "report.html";

    /** Where the reports went. */
    public record ReportFiles(Path json, Path html) {
    }

    private ReportWriter() {
    }

    public static ReportFiles write(ScenarioResult result) {
        ReportContext context = ReportContext.of(result);
        ReportFiles files = new ReportFiles(result.outDir().resolve(JSON), result.outDir().resolve(HTML));
        TextFiles.write(files.json(), ReportJson.render(context));
        TextFiles.write(files.html(), HtmlReport.render(context));
        return files;
    }
}

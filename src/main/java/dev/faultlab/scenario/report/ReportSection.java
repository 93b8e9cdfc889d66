package dev.faultlab.scenario.report;

/** One part of report.html; sections are independent so each stays small and can be tested alone. */
interface ReportSection {
    void render(ReportContext context, Markup out);
}

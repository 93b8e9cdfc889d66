package dev.faultlab.scenario.report;

/** The failing connection as a sequence diagram, with a legend and what was left out. */
final class TimelineSection implements ReportSection {
    @Override
    public void render(ReportContext context, Markup out) {
        out.element("h2", "Timeline");
        if (context.timeline().isEmpty()) {
            out.element("p", "The captures hold no TCP connection to draw.", "class", "note");
            return;
        }
        Timeline timeline = context.timeline().get();
        out.open("p").element("b", timeline.title(), "class", "mono").text(" — " + timeline.reason()).close("p");
        out.open("div", "class", "diagram").append(SequenceDiagramSvg.render(timeline)).close("div");
        out.open("p", "class", "legend")
                .text("Arrows run from the sender to the farthest capture point that saw the packet; ")
                .element("span", "red ⟳ = retransmission", "class", "retx")
                .text("; dashed with ✗ = lost: never seen at its captured destination; dotted = past the last "
                        + "capture point, delivery unconfirmed; ")
                .element("span", "orange line = fault injected", "class", "fault")
                .text(". Hover an arrow for its capture file and frame.")
                .close("p");
        if (timeline.omitted() > 0) {
            out.element("p", timeline.omitted() + " packets in the middle are left out; the capture files have them all.",
                    "class", "note");
        }
    }
}

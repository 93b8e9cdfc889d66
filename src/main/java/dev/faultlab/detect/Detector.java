package dev.faultlab.detect;

import dev.faultlab.capture.read.Packet;
import dev.faultlab.detect.tcp.ConversationSummary;

import java.util.List;

/**
 * Looks for one cause. Implementations are listed in {@code META-INF/services/dev.faultlab.detect.Detector};
 * every analysis loads fresh instances, so a detector may keep state across the calls of one analysis (bounded:
 * captures can be huge). A detector must stay silent on healthy traffic and on other causes' evidence.
 */
public interface Detector {
    /** The cause id this detector reports. */
    String cause();

    /** Every decoded packet of every capture, in file order. */
    default void onPacket(String capture, Packet packet) {
    }

    /** Every TCP conversation when it ends. */
    default void onConversation(ConversationSummary conversation) {
    }

    /** Findings once all captures are read; empty when the cause is not there. */
    List<Finding> conclude(AnalysisContext context);
}

package dev.faultlab.detect;

import dev.faultlab.capture.read.Packet;
import dev.faultlab.detect.tcp.ConversationSummary;

import java.util.List;
import java.util.Set;

/**
 * Looks for one cause. Implementations are listed in {@code META-INF/services/dev.faultlab.detect.Detector};
 * every analysis loads fresh instances, so a detector may keep state across the calls of one analysis (bounded:
 * captures can be huge). A detector must stay silent on healthy traffic and on other causes' evidence.
 */
public interface Detector {
    /** The cause id this detector reports. */
    String cause();

    /**
     * The attribute names its findings carry ({@code node}, {@code podCidr}, ...): a scenario expecting any other
     * fails when it loads. Empty means undeclared (any name accepted). {@code DetectorAttributesTest} checks the
     * declaration against the names the detector's source passes to {@code attribute(...)}.
     */
    default Set<String> attributes() {
        return Set.of();
    }

    /**
     * Every decoded packet of every capture, in file order, that has one of the {@link #interests()}. A detector
     * that does not override this is not called per packet at all.
     */
    default void onPacket(String capture, Packet packet) {
    }

    /**
     * The packets {@link #onPacket} needs (e.g. only ICMP): the diagnosis classifies each packet once and calls
     * each detector only for the kinds it declares, so a detector does not pay for walking every packet. Default:
     * every packet.
     */
    default Set<PacketKind> interests() {
        return PacketKind.ALL;
    }

    /** Every TCP conversation when it ends. */
    default void onConversation(ConversationSummary conversation) {
    }

    /** Findings once all captures are read; empty when the cause is not there. */
    List<Finding> conclude(AnalysisContext context);
}

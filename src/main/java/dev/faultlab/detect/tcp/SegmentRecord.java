package dev.faultlab.detect.tcp;

import java.util.ArrayList;
import java.util.List;

/** Mutable bookkeeping for one sent data segment while its conversation is live. */
final class SegmentRecord {
    private static final int FRAMES_KEPT = 8;

    final long seq;
    final int length;
    final int ipLength;
    final boolean dontFragment;
    /**
     * The first transmission, as numbers; its transmissions as frames once there is a second one (most segments
     * are sent once: no list and no frame reference for them).
     */
    private long firstFrame;
    private long firstNanos;
    private List<FrameRef> frames;
    int transmissions;
    FrameRef sackedPast;
    FrameRef coveredBy;
    boolean resegmented;

    SegmentRecord(long seq, int length, int ipLength, boolean dontFragment) {
        this.seq = seq;
        this.length = length;
        this.ipLength = ipLength;
        this.dontFragment = dontFragment;
    }

    void sent(long frame, long epochNanos) {
        transmissions++;
        if (transmissions == 1) {
            firstFrame = frame;
            firstNanos = epochNanos;
            return;
        }
        if (frames == null) {
            frames = new ArrayList<>(2);
            frames.add(new FrameRef(firstFrame, firstNanos));
        }
        if (frames.size() < FRAMES_KEPT) {
            frames.add(new FrameRef(frame, epochNanos));
        }
    }

    /** The frames of its transmissions (the first {@value #FRAMES_KEPT}). */
    List<FrameRef> frames() {
        if (frames == null) {
            frames = new ArrayList<>(2);
            frames.add(new FrameRef(firstFrame, firstNanos));
        }
        return frames;
    }

    long end() {
        return (seq + length) & 0xffffffffL;
    }

    StalledSegment summary(boolean fromClient) {
        return new StalledSegment(fromClient, seq, length, ipLength, dontFragment, transmissions, frames(), sackedPast,
                coveredBy, resegmented);
    }
}

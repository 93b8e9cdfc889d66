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
    final List<FrameRef> frames = new ArrayList<>(2);
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

    void sent(FrameRef ref) {
        transmissions++;
        if (frames.size() < FRAMES_KEPT) {
            frames.add(ref);
        }
    }

    long end() {
        return (seq + length) & 0xffffffffL;
    }

    StalledSegment summary(boolean fromClient) {
        return new StalledSegment(fromClient, seq, length, ipLength, dontFragment, transmissions, frames, sackedPast,
                coveredBy, resegmented);
    }
}

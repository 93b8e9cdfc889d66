package dev.faultlab.detect;

import dev.faultlab.detect.tcp.FrameRef;

/**
 * One fact a finding rests on, checkable by hand: a frame in a capture (open it in Wireshark, go to the frame
 * number) or a line of host state.
 *
 * @param source capture name, or {@code host/file} for host state
 * @param frame  frame number in that capture, or -1 for host state
 * @param time   the frame's time (ISO-8601), or null
 * @param flow   the 4-tuple or addresses involved, or null
 * @param detail what this shows, e.g. "SYN retransmission #3, 4.0 s after the first"
 */
public record Evidence(String source, long frame, String time, String flow, String detail) {
    public static Evidence frame(String capture, FrameRef ref, String flow, String detail) {
        return new Evidence(capture, ref.frame(), ref.time().toString(), flow, detail);
    }

    public static Evidence state(String host, String file, String detail) {
        return new Evidence(host + "/" + file, -1, null, null, detail);
    }

    /** One line for the text report. */
    public String describe() {
        StringBuilder s = new StringBuilder(source);
        if (frame >= 0) {
            s.append(" #").append(frame);
        }
        if (time != null) {
            s.append(" ").append(time);
        }
        if (flow != null) {
            s.append(" ").append(flow);
        }
        return s.append(": ").append(detail).toString();
    }
}

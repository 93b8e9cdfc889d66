package dev.faultlab.capture;

/**
 * Counters of a finished live capture.
 *
 * @param written   frames written to the file
 * @param received  frames the kernel handed to the capture (libpcap ps_recv)
 * @param dropped   frames the kernel dropped for lack of buffer (ps_drop)
 * @param ifDropped frames the interface dropped (ps_ifdrop)
 */
public record CaptureStats(long written, long received, long dropped, long ifDropped) {
}

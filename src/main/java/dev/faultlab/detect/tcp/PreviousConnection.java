package dev.faultlab.detect.tcp;

/**
 * The last connection seen on the same 4-tuple before this one.
 *
 * @param closedAt       its last packet
 * @param closedByReset  it ended with RST (else FIN, or it was still open)
 * @param finished       it had closed (FIN or RST) before the new SYN
 * @param clientTsVal    the client's last TCP timestamp on it (-1 without timestamps)
 * @param clientEndpoint the side that was client then (with SNAT reuse, the same address and port)
 */
public record PreviousConnection(FrameRef closedAt, boolean closedByReset, boolean finished, long clientTsVal,
                                 Endpoint clientEndpoint) {
}

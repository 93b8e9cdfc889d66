package dev.faultlab.detect.tcp;

/** How a connection's opening went, as seen at one capture point. */
public enum Handshake {
    /** SYN, SYN-ACK and the client's ACK (or data) were all seen. */
    ESTABLISHED,
    /** SYN(s) with no answer at all. */
    SYN_UNANSWERED,
    /** SYN-ACK seen but never acknowledged: the SYN-ACK (or the client's ACK) was lost on the way. */
    SYN_ACK_UNACKNOWLEDGED,
    /** The SYN was answered by a bare ACK (no SYN flag): the peer holds an older connection on this 4-tuple. */
    SYN_ANSWERED_BY_ACK,
    /** The SYN was answered by RST: nothing listens (or a firewall rejects). */
    REFUSED,
    /** The capture started after the handshake. */
    MIDSTREAM
}

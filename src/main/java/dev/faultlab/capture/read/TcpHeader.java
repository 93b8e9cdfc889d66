package dev.faultlab.capture.read;

/**
 * A TCP header.
 *
 * @param sourcePort      source port
 * @param destinationPort destination port
 * @param seq             sequence number
 * @param ack             acknowledgment number (meaningful when {@link #isAck()})
 * @param flags           the flag bits (FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10, URG 0x20, ECE, CWR)
 * @param window          raw window field (unscaled)
 * @param payloadLength   data bytes on the wire (from the IP length, even when the capture cut them off)
 * @param options         decoded options
 */
public record TcpHeader(int sourcePort, int destinationPort, long seq, long ack, int flags, int window,
                        int payloadLength, TcpOptions options) {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;

    public boolean isSyn() {
        return (flags & SYN) != 0;
    }

    public boolean isAck() {
        return (flags & ACK) != 0;
    }

    public boolean isFin() {
        return (flags & FIN) != 0;
    }

    public boolean isRst() {
        return (flags & RST) != 0;
    }

    /** A connection request: SYN without ACK. */
    public boolean isSynOnly() {
        return isSyn() && !isAck();
    }

    public boolean isSynAck() {
        return isSyn() && isAck();
    }

    /** Sequence space this segment occupies: data bytes plus one each for SYN and FIN. */
    public long sequenceLength() {
        return payloadLength + (isSyn() ? 1 : 0) + (isFin() ? 1 : 0);
    }

    /** First sequence number after this segment, modulo 2^32. */
    public long endSeq() {
        return (seq + sequenceLength()) & 0xffffffffL;
    }

    /** Flags as Wireshark abbreviates them, e.g. {@code SYN,ACK}. */
    public String flagNames() {
        StringBuilder s = new StringBuilder();
        String[] names = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"};
        for (int bit = 0; bit < names.length; bit++) {
            if ((flags & 1 << bit) != 0) {
                s.append(s.length() == 0 ? "" : ",").append(names[bit]);
            }
        }
        return s.toString();
    }
}

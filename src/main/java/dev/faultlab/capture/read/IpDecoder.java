package dev.faultlab.capture.read;

/** An IP version: besides decoding packets it reads bare headers, e.g. the one an ICMP error quotes. */
interface IpDecoder extends NetworkDecoder {
    /** The IP version number this decoder reads. */
    int version();

    /**
     * Reads the IP header at {@code offset}. {@code bytesAvailable} stands in for a zero length field (TSO/GSO
     * frames captured before segmentation carry none).
     */
    IpHeader header(byte[] data, int offset, int bytesAvailable);

    @Override
    default void decode(byte[] data, int offset, PacketBuilder packet, PacketDecoder decoder) {
        IpHeader ip = header(data, offset, packet.wireLength - offset);
        packet.ip = ip;
        if (!ip.isLaterFragment()) {
            decoder.transport(ip.protocol(), data, offset + ip.headerLength(), ip.payloadLength(), packet);
        }
    }
}

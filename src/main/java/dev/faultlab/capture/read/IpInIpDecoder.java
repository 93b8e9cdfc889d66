package dev.faultlab.capture.read;

import java.util.Set;

/** IPIP (4) and IPv6-in-IP (41): the payload is another IP packet, decoded as the inner packet. */
final class IpInIpDecoder implements TransportDecoder {
    @Override
    public Set<Integer> protocols() {
        return Set.of(4, 41);
    }

    @Override
    public void decode(byte[] data, int offset, int length, PacketBuilder packet, PacketDecoder decoder) {
        Packet inner = decoder.decodeTunnelled(data, offset, length, packet);
        if (inner != null) {
            packet.tunnel = new IpTunnel(packet.ip.protocol(), inner);
        }
    }
}

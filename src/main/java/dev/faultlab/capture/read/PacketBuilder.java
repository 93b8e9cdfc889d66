package dev.faultlab.capture.read;

/**
 * Collects the layers of one frame while decoders walk it. Each decoder sets its layer only after reading all of
 * it, so a frame cut short keeps every complete outer layer.
 */
final class PacketBuilder {
    long frame;
    long epochNanos;
    int interfaceId;
    int wireLength;
    /** How many tunnel headers (VXLAN, Geneve, IPIP) lie outside this frame (0 for the captured frame itself). */
    int encapsulationDepth;
    LinkHeader link;
    IpHeader ip;
    TcpHeader tcp;
    UdpHeader udp;
    IcmpMessage icmp;
    ArpMessage arp;
    Tunnel tunnel;
    boolean truncated;
    /**
     * A mirrored copy (ERSPAN) this frame delivered, decoded: it stands for the captured frame (see {@link
     * PacketDecoder#decode}), or null.
     */
    Packet mirrored;

    PacketBuilder(long frame, long epochNanos, int interfaceId, int wireLength, int encapsulationDepth) {
        this.frame = frame;
        this.epochNanos = epochNanos;
        this.interfaceId = interfaceId;
        this.wireLength = wireLength;
        this.encapsulationDepth = encapsulationDepth;
    }

    /**
     * Starts a new captured frame (encapsulation depth 0) in this builder: a decoder reuses one for every frame,
     * since {@link #build()} copies what it collected.
     */
    PacketBuilder restart(long frame, long epochNanos, int interfaceId, int wireLength) {
        this.frame = frame;
        this.epochNanos = epochNanos;
        this.interfaceId = interfaceId;
        this.wireLength = wireLength;
        encapsulationDepth = 0;
        link = null;
        ip = null;
        tcp = null;
        udp = null;
        icmp = null;
        arp = null;
        tunnel = null;
        truncated = false;
        mirrored = null;
        return this;
    }

    /** The builder for a packet this one carries behind a tunnel header (same frame, one level deeper). */
    PacketBuilder nested(int innerWireLength) {
        return new PacketBuilder(frame, epochNanos, interfaceId, innerWireLength, encapsulationDepth + 1);
    }

    Packet build() {
        return new Packet(frame, epochNanos, interfaceId, wireLength, link, ip, tcp, udp, icmp, arp, tunnel, truncated);
    }
}

package dev.faultlab.capture.read;

/** EtherType numbers shared by the link decoders. */
final class NetworkLayer {
    static final int IPV4 = 0x0800;
    static final int IPV6 = 0x86dd;
    static final int ARP = 0x0806;

    private NetworkLayer() {
    }

    /** The EtherType for an IP version nibble, -1 when it is neither 4 nor 6. */
    static int etherTypeOfIpVersion(int version) {
        return version == 4 ? IPV4 : version == 6 ? IPV6 : -1;
    }
}

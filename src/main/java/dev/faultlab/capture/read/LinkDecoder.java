package dev.faultlab.capture.read;

import java.util.Set;

/** Decodes one family of link-layer headers and hands the payload to the network layer. */
interface LinkDecoder {
    /** The pcap link types this decoder reads. */
    Set<Integer> linkTypes();

    /**
     * Reads the link header of {@code data} into {@code packet.link} and returns the offset of its payload.
     * Throws {@link IndexOutOfBoundsException} when the frame is shorter than the header.
     */
    int decode(int linkType, byte[] data, PacketBuilder packet);
}

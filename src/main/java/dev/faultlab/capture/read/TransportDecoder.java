package dev.faultlab.capture.read;

import java.util.Set;

/** Decodes one IP payload protocol. */
interface TransportDecoder {
    /** IP protocol numbers (after IPv6 extension headers) this decoder reads. */
    Set<Integer> protocols();

    /**
     * Reads the header at {@code offset}; {@code length} is the IP payload length on the wire, which may exceed
     * the captured bytes.
     */
    void decode(byte[] data, int offset, int length, PacketBuilder packet, PacketDecoder decoder);
}

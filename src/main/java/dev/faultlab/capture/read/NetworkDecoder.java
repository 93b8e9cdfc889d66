package dev.faultlab.capture.read;

import java.util.Set;

/** Decodes one network-layer protocol found behind a link header. */
interface NetworkDecoder {
    Set<Integer> etherTypes();

    /** Reads the header at {@code offset} into {@code packet} and passes its payload on through {@code decoder}. */
    void decode(byte[] data, int offset, PacketBuilder packet, PacketDecoder decoder);
}

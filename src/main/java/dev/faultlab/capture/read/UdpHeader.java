package dev.faultlab.capture.read;

/** A UDP header; {@code length} is the UDP length field (header plus data). */
public record UdpHeader(int sourcePort, int destinationPort, int length) {
}

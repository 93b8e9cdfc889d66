package dev.faultlab.capture.testlab;

import dev.faultlab.capture.CaptureFileWriter;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The IPv4 addresses, protocol and (UDP/TCP) destination port of a captured frame, for test assertions.
 *
 * @param source      source address
 * @param destination destination address
 * @param protocol    IP protocol number (6 TCP, 17 UDP, 1 ICMP)
 * @param destPort    destination port, or -1 for other protocols
 */
public record Ipv4Header(String source, String destination, int protocol, int destPort) {
    private static final int ETHERTYPE_IPV4 = 0x0800;

    /** Decodes the frame of a file with {@code linkType}; empty when it is not IPv4. */
    public static Optional<Ipv4Header> of(int linkType, byte[] frame) {
        ByteBuffer b = ByteBuffer.wrap(frame);
        int ipOffset;
        int etherType;
        if (linkType == CaptureFileWriter.LINKTYPE_ETHERNET) {
            ipOffset = 14;
            etherType = frame.length >= 14 ? Short.toUnsignedInt(b.getShort(12)) : -1;
        } else if (linkType == CaptureFileWriter.LINKTYPE_LINUX_SLL) {
            ipOffset = 16;
            etherType = frame.length >= 16 ? Short.toUnsignedInt(b.getShort(14)) : -1;
        } else if (linkType == CaptureFileWriter.LINKTYPE_LINUX_SLL2) {
            ipOffset = 20;
            etherType = frame.length >= 20 ? Short.toUnsignedInt(b.getShort(0)) : -1;
        } else {
            throw new IllegalArgumentException("link type " + linkType + " not decoded by this test helper");
        }
        if (etherType != ETHERTYPE_IPV4 || frame.length < ipOffset + 20) {
            return Optional.empty();
        }
        int headerLength = (frame[ipOffset] & 0x0f) * 4;
        int protocol = frame[ipOffset + 9] & 0xff;
        int portOffset = ipOffset + headerLength + 2;
        int port = (protocol == 6 || protocol == 17) && frame.length >= portOffset + 2
                ? Short.toUnsignedInt(b.getShort(portOffset)) : -1;
        return Optional.of(new Ipv4Header(address(frame, ipOffset + 12), address(frame, ipOffset + 16), protocol, port));
    }

    private static String address(byte[] frame, int at) {
        return (frame[at] & 0xff) + "." + (frame[at + 1] & 0xff) + "." + (frame[at + 2] & 0xff) + "." + (frame[at + 3] & 0xff);
    }
}

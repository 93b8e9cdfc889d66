package dev.faultlab.capture.read;

/**
 * The start of the packet an ICMP error quotes: its IP header and the first transport bytes.
 *
 * @param ip              the quoted IP header (addresses of the packet that failed)
 * @param sourcePort      quoted TCP/UDP source port, or -1
 * @param destinationPort quoted TCP/UDP destination port, or -1
 * @param tcpSeq          quoted TCP sequence number, or -1
 */
public record QuotedPacket(IpHeader ip, int sourcePort, int destinationPort, long tcpSeq) {
}

package dev.faultlab.capture.read;

import java.net.InetAddress;

/** An ARP request (operation 1) or reply (2) for IPv4 over Ethernet. */
public record ArpMessage(int operation, MacAddress senderMac, InetAddress senderIp, MacAddress targetMac,
                         InetAddress targetIp) {
}

/**
 * Offline packet decoding: reads pcap and pcapng files (customers' or the lab's) into decoded packets, tunnels and
 * links included; knows nothing of labs.
 */
package dev.faultlab.capture.read;

/**
 * TCP conversation tracking over decoded packets: handshakes, retransmissions and stalls that detectors reason
 * about.
 */
package dev.faultlab.detect.tcp;

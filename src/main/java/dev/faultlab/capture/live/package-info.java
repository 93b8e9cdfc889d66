/**
 * Live capture inside a network namespace with pcap4j, from a thread that has entered the namespace.
 */
package dev.faultlab.capture.live;

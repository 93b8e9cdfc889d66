package dev.faultlab.detect.state;

/** One socket line of {@code ss -tanoi} (state, queues, endpoints) with the raw line for evidence. */
public record TcpSocket(String state, long recvQ, long sendQ, String local, String peer, String line) {
}

package dev.faultlab.detect.state;

/**
 * A listening TCP socket from {@code ss -ltn}. For a listener Recv-Q is the accept queue's current length and
 * Send-Q its limit (the effective backlog); the queue is full when Recv-Q exceeds Send-Q.
 */
public record Listener(String localAddress, int port, long recvQ, long sendQ, String line) {
    public boolean acceptQueueFull() {
        return recvQ > sendQ;
    }
}

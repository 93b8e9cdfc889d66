package dev.faultlab.detect.tcp;

import java.net.InetAddress;
import java.util.Arrays;

/** An IP address and port; prints as {@code 10.0.0.1:80} or {@code [fd00::1]:80}. */
public record Endpoint(InetAddress address, int port) implements Comparable<Endpoint> {
    @Override
    public int compareTo(Endpoint other) {
        int byAddress = Arrays.compareUnsigned(address.getAddress(), other.address.getAddress());
        return byAddress != 0 ? byAddress : Integer.compare(port, other.port);
    }

    @Override
    public String toString() {
        String text = address.getHostAddress();
        return (text.indexOf(':') >= 0 ? "[" + text + "]" : text) + ":" + port;
    }
}

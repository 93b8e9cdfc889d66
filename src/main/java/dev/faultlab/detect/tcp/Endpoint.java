package dev.faultlab.detect.tcp;

import java.net.InetAddress;
import java.util.Arrays;

/** An IP address and port; prints as {@code 10.0.0.1:80} or {@code [fd00::1]:80}. */
public record Endpoint(InetAddress address, int port) implements Comparable<Endpoint> {
    /**
     * Written out, with the record's own formula (so hash-ordered maps iterate as before): conversations and
     * detectors key maps by endpoints for every connection, and a record's generated equals/hashCode run through
     * method handles that the launcher's C1-only JIT does not inline.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Endpoint e && e.port == port && java.util.Objects.equals(e.address, address);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(address) * 31 + port;
    }

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

package dev.faultlab.detect.tcp;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * A TCP 4-tuple that is equal in both directions (A:a > B:b equals B:b > A:a), so looking a packet's conversation
 * up needs no ordering of the endpoints. The tracker reuses one mutable probe for lookups and stores {@link #copy()
 * copies}: no objects per packet.
 *
 * <p>Two IPv4 endpoints also come as two numbers, {@link #low} and {@link #high} (each endpoint as {@code address
 * << 16 | port}, the smaller first), which {@link FlowIndex} looks up without touching an {@link InetAddress}:
 * every TCP packet is looked up, and each object reached is a likely cache miss.
 */
final class FlowKey {
    private InetAddress addressA;
    private int portA;
    private InetAddress addressB;
    private int portB;
    private int hash;
    /** Both endpoints are IPv4: {@link #low} and {@link #high} are the whole key. */
    boolean ipv4;
    long low;
    long high;

    /** Sets this (probe) key; returns it. */
    FlowKey set(InetAddress sourceAddress, int sourcePort, InetAddress destinationAddress, int destinationPort) {
        return set(sourceAddress, sourceAddress.hashCode(), sourcePort, destinationAddress,
                destinationAddress.hashCode(), destinationPort);
    }

    /** As {@link #set(InetAddress, int, InetAddress, int)}, with the addresses' hash codes. */
    FlowKey set(InetAddress sourceAddress, int sourceHash, int sourcePort, InetAddress destinationAddress,
                int destinationHash, int destinationPort) {
        addressA = sourceAddress;
        portA = sourcePort;
        addressB = destinationAddress;
        portB = destinationPort;
        ipv4 = sourceAddress instanceof Inet4Address && destinationAddress instanceof Inet4Address;
        if (ipv4) {
            long a = ipv4Endpoint(sourceHash, sourcePort);
            long b = ipv4Endpoint(destinationHash, destinationPort);
            low = Math.min(a, b);
            high = Math.max(a, b);
            hash = mix(low, high);
        } else {
            low = 0;
            high = 0;
            // a sum does not depend on the direction
            hash = endpointHash(sourceHash, sourcePort) + endpointHash(destinationHash, destinationPort);
        }
        return this;
    }

    /**
     * An IPv4 endpoint as one number, from its address's hash code: Inet4Address's hash code is its 32-bit address
     * (as in every JDK since 1.0; FlowKeyTest checks it), which reads it without the array copy of {@code
     * getAddress()}.
     */
    private static long ipv4Endpoint(int addressHash, int port) {
        return (addressHash & 0xffffffffL) << 16 | port & 0xffff;
    }

    private static int mix(long low, long high) {
        long h = (low * 0x9E3779B97F4A7C15L ^ high) * 0xC2B2AE3D27D4EB4FL;
        return (int) (h ^ h >>> 32);
    }

    /** A copy of this key (its numbers copied, not computed again from the addresses: one per new conversation). */
    FlowKey copy() {
        FlowKey copy = new FlowKey();
        copy.addressA = addressA;
        copy.portA = portA;
        copy.addressB = addressB;
        copy.portB = portB;
        copy.hash = hash;
        copy.ipv4 = ipv4;
        copy.low = low;
        copy.high = high;
        return copy;
    }

    /** The same 4-tuple seen from the other side (equal to this one). */
    FlowKey reversed() {
        return new FlowKey().set(addressB, portB, addressA, portA);
    }

    private static int endpointHash(int addressHash, int port) {
        int h = addressHash * 0x9E3779B9 + port;
        return h ^ h >>> 15;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof FlowKey k) || k.hash != hash || k.ipv4 != ipv4) {
            return false;
        }
        if (ipv4) {
            return low == k.low && high == k.high;
        }
        return portA == k.portA && portB == k.portB && same(addressA, k.addressA) && same(addressB, k.addressB)
                || portA == k.portB && portB == k.portA && same(addressA, k.addressB) && same(addressB, k.addressA);
    }

    private static boolean same(InetAddress a, InetAddress b) {
        return a == b || a.equals(b);
    }

    @Override
    public String toString() {
        return new Endpoint(addressA, portA) + " <> " + new Endpoint(addressB, portB);
    }
}

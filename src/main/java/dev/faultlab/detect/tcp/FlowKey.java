package dev.faultlab.detect.tcp;

import java.net.InetAddress;

/**
 * A TCP 4-tuple as a map key that is equal in both directions (A:a > B:b equals B:b > A:a), so looking a packet's
 * conversation up needs no ordering of the endpoints. The tracker reuses one mutable probe for lookups and stores
 * {@link #copy() copies}: no objects per packet.
 */
final class FlowKey {
    private InetAddress addressA;
    private int portA;
    private InetAddress addressB;
    private int portB;
    private int hash;

    /** Sets this (probe) key; returns it. */
    FlowKey set(InetAddress sourceAddress, int sourcePort, InetAddress destinationAddress, int destinationPort) {
        addressA = sourceAddress;
        portA = sourcePort;
        addressB = destinationAddress;
        portB = destinationPort;
        // a sum does not depend on the direction
        hash = endpointHash(sourceAddress, sourcePort) + endpointHash(destinationAddress, destinationPort);
        return this;
    }

    FlowKey copy() {
        return new FlowKey().set(addressA, portA, addressB, portB);
    }

    private static int endpointHash(InetAddress address, int port) {
        int h = address.hashCode() * 0x9E3779B9 + port;
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
        if (!(o instanceof FlowKey k) || k.hash != hash) {
            return false;
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

package dev.faultlab.detect.detectors;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Two addresses of one capture (the second may be null, for one address's own key), as a map key looked up per
 * packet or per flight. Not a record: a record's generated equals/hashCode run through method handles that the
 * launcher's C1-only JIT does not inline, and cluster addresses, differing in a few low bits, collide under a
 * record's {@code 31 * h + x}; the hash here mixes all bits ({@link KeyHash}), so only for maps whose iteration
 * order does not follow the hash. Mutable so that a caller can look up with one reused probe and store
 * {@link #copy() copies}.
 */
final class AddressPair {
    private String capture;
    private InetAddress from;
    private InetAddress to;
    private int hash;

    /** A key (or a probe to {@link #set}). */
    AddressPair() {
    }

    AddressPair(String capture, InetAddress from, InetAddress to) {
        set(capture, from, to);
    }

    /** Sets this (probe) key; returns it. */
    AddressPair set(String capture, InetAddress from, InetAddress to) {
        this.capture = capture;
        this.from = from;
        this.to = to;
        hash = KeyHash.finish(KeyHash.with(KeyHash.with(capture.hashCode(), from.hashCode()),
                to == null ? 0 : to.hashCode()));
        return this;
    }

    AddressPair copy() {
        return new AddressPair(capture, from, to);
    }

    String capture() {
        return capture;
    }

    InetAddress from() {
        return from;
    }

    InetAddress to() {
        return to;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressPair p && p.hash == hash && p.from.equals(from) && Objects.equals(p.to, to)
                && p.capture.equals(capture);
    }
}

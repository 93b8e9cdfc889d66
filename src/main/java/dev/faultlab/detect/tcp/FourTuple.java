package dev.faultlab.detect.tcp;

/** A TCP 4-tuple with its two endpoints in a fixed order, so both directions of a flow share one key. */
public record FourTuple(Endpoint low, Endpoint high) {
    public static FourTuple of(Endpoint a, Endpoint b) {
        return a.compareTo(b) <= 0 ? new FourTuple(a, b) : new FourTuple(b, a);
    }
}

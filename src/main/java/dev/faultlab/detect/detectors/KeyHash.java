package dev.faultlab.detect.detectors;

/**
 * Hash codes for the detectors' per-packet map keys. Addresses of one cluster differ in a few low bits, so the
 * usual {@code 31 * h + x} of a record (or {@code Objects.hash}) puts many address pairs in one bucket; these
 * mix every component through all the bits. Only for maps whose iteration order does not follow the hash
 * (insertion- or access-ordered ones, or lookups only): a plain HashMap iterates in hash order.
 */
final class KeyHash {
    private static final int GOLDEN = 0x9E3779B9;

    private KeyHash() {
    }

    /** Folds one more component into {@code h}. */
    static int with(int h, int component) {
        return (h + component) * GOLDEN;
    }

    /** The finished hash: murmur3's finalizer spreads the high bits into the low ones a table indexes by. */
    static int finish(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ h >>> 16;
    }
}

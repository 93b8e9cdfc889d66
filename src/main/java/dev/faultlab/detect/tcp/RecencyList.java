package dev.faultlab.detect.tcp;

/**
 * A doubly linked list threaded through its elements (least recently used first), for the per-packet recency
 * orders of the tracker and the detectors: moving an element to the recent end is a few pointer writes, with no
 * map entry per element and no lookup (an access-ordered LinkedHashMap needs its key's lookup for that), and the
 * owner can walk on from any element it holds.
 *
 * @param <N> the elements, which carry their own links
 */
public final class RecencyList<N extends RecencyList.Node<N>> {
    /** An element's links; each element is in at most one list. */
    public abstract static class Node<N extends Node<N>> {
        N older;
        N newer;

        /** The next more recently used element, or null for the newest. */
        public final N newer() {
            return newer;
        }

        /** The next less recently used element, or null for the eldest. */
        public final N older() {
            return older;
        }
    }

    private N eldest;
    private N newest;

    public N eldest() {
        return eldest;
    }

    public N newest() {
        return newest;
    }

    /** Adds {@code n} (in no list) as the most recently used. */
    public void append(N n) {
        n.older = newest;
        n.newer = null;
        if (newest == null) {
            eldest = n;
        } else {
            newest.newer = n;
        }
        newest = n;
    }

    /** Makes {@code n} (in this list) the most recently used. */
    public void touch(N n) {
        if (n != newest) {
            unlink(n);
            append(n);
        }
    }

    /** Takes {@code n} out of this list. */
    public void unlink(N n) {
        if (n.older == null) {
            eldest = n.newer;
        } else {
            n.older.newer = n.newer;
        }
        if (n.newer == null) {
            newest = n.older;
        } else {
            n.newer.older = n.older;
        }
        n.older = null;
        n.newer = null;
    }

    /** Empties the list (the elements keep stale links: append them again before walking from them). */
    public void clear() {
        eldest = null;
        newest = null;
    }
}

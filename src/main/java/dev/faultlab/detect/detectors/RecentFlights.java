package dev.faultlab.detect.detectors;

import dev.faultlab.detect.tcp.LongPairMap;
import dev.faultlab.detect.tcp.RecencyList;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The flights followed, least recently used first, at most {@code kept} of them: adding one more drops (and hands
 * to {@code dropped}) the least recently used, as an access-ordered LinkedHashMap with a size bound does. Every TCP
 * packet uses the flights of both its directions: a flight links to its reverse one, so a packet costs one hash
 * lookup instead of two, and moving the reverse flight to the recent end is two pointer swaps.
 *
 * @param <K> the key; the caller looks up and adds with one reused probe: a numbered key is kept as its two
 *            numbers in its node, another as a {@link Key#copy() copy}
 */
final class RecentFlights<K extends RecentFlights.Key> {
    /**
     * A flight's key; a key that is two numbers (an IPv4 flight) is looked up by them, in a {@link LongPairMap}
     * (no object reached per lookup), other keys by {@code equals} in a HashMap.
     */
    interface Key {
        boolean numbered();

        long first();

        long second();

        /** A copy to keep (the caller's probe changes with its next lookup). */
        Key copy();
    }

    /** One flight in the recency list. */
    static final class Node extends RecencyList.Node<Node> {
        /** The key if it is not numbered, else null: a numbered one is {@link #first} and {@link #second}. */
        final Key key;
        final long first;
        final long second;
        final SegmentFlight flight;
        /** The flight of the opposite direction while both are followed (itself for a port talking to itself). */
        private Node reverse;
        private boolean followed = true;

        private Node(Key probe, SegmentFlight flight) {
            boolean numbered = probe.numbered();
            this.key = numbered ? null : probe.copy();
            this.first = numbered ? probe.first() : 0;
            this.second = numbered ? probe.second() : 0;
            this.flight = flight;
        }

        boolean numbered() {
            return key == null;
        }

        /** The reverse direction's node when it is known and still followed, else null. */
        Node reverse() {
            return reverse != null && reverse.followed ? reverse : null;
        }

        void linkReverse(Node other) {
            reverse = other;
            other.reverse = this;
        }
    }

    private final LongPairMap<Node> numbered = new LongPairMap<>();
    private final Map<Object, Node> byKey = new HashMap<>(256);
    private final int kept;
    private final Consumer<SegmentFlight> dropped;
    private final RecencyList<Node> order = new RecencyList<>();
    /** The last two nodes looked up or added (see {@link #cached}). */
    private Node recent;
    private Node previous;

    RecentFlights(int kept, Consumer<SegmentFlight> dropped) {
        this.kept = kept;
        this.dropped = dropped;
    }

    /** The node of {@code probe}, now the most recently used, or null. */
    Node get(K probe) {
        Node node = cached(probe);
        if (node == null) {
            node = probe.numbered() ? numbered.get(probe.first(), probe.second()) : byKey.get(probe);
            if (node != null) {
                remember(node);
            }
        }
        if (node != null) {
            touch(node);
        }
        return node;
    }

    /**
     * The node of a numbered probe if it is one of the last two looked up or added (a connection's packets come in
     * bursts, alternating between its two flights): no table lookup, which is a cache miss in a table of 10^4-10^5
     * flights. A node no longer followed is not answered.
     */
    private Node cached(K probe) {
        if (!probe.numbered()) {
            return null;
        }
        if (isNode(recent, probe)) {
            return recent;
        }
        return isNode(previous, probe) ? previous : null;
    }

    private static boolean isNode(Node node, Key probe) {
        return node != null && node.followed && node.numbered() && node.first == probe.first()
                && node.second == probe.second();
    }

    private void remember(Node node) {
        if (node != recent) {
            previous = recent;
            recent = node;
        }
    }

    /**
     * Follows a new flight, under the key {@code probe} holds now, as the most recently used; past the bound, drops
     * the least recently used one.
     */
    Node add(K probe, SegmentFlight flight) {
        Node node = new Node(probe, flight);
        remember(node);
        if (node.numbered()) {
            numbered.add(node.first, node.second, node);
        } else {
            byKey.put(node.key, node);
        }
        order.append(node);
        if (numbered.size() + byKey.size() > kept) {
            Node least = order.eldest();
            dropped.accept(least.flight);
            remove(least);
        }
        return node;
    }

    /** Makes {@code node} the most recently used. */
    void touch(Node node) {
        order.touch(node);
    }

    /** Stops following the node's flight (nothing when it is already not followed). */
    void remove(Node node) {
        if (!node.followed) {
            return;
        }
        node.followed = false;
        if (node.numbered()) {
            numbered.remove(node.first, node.second);
        } else {
            byKey.remove(node.key);
        }
        order.unlink(node);
    }

    /** Every followed flight, least recently used first; then follows none. */
    void drain(Consumer<SegmentFlight> action) {
        for (Node n = order.eldest(); n != null; n = n.newer()) {
            action.accept(n.flight);
            n.followed = false;
        }
        numbered.clear();
        byKey.clear();
        order.clear();
    }
}

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
 * lookup instead of two, and moving the reverse flight to the recent end is two pointer swaps. Numbered (IPv4)
 * flights are indexed by connection, not by direction: one entry for both directions, under the smaller of their
 * two keys, holding either followed direction (the other is its linked reverse), so a new connection costs one
 * entry - one place in a table of 10^4-10^5, a cache miss - instead of two.
 *
 * @param <K> the key; the caller looks up and adds with one reused probe: a numbered key is kept as its two
 *            numbers in its node, another as a {@link Key#copy() copy}
 * @param <N> the flights, each its own node
 */
final class RecentFlights<K extends RecentFlights.Key, N extends RecentFlights.Node<N>> {
    /**
     * A flight's key; a key that is two numbers (an IPv4 flight) is looked up by them, in a {@link LongPairMap}
     * (no object reached per lookup), other keys by {@code equals} in a HashMap.
     */
    interface Key {
        boolean numbered();

        long first();

        long second();

        /** The opposite direction's {@link #first()} (numbered keys only). */
        long reverseFirst();

        /** The opposite direction's {@link #second()} (numbered keys only). */
        long reverseSecond();

        /** A copy to keep (the caller's probe changes with its next lookup). */
        Key copy();
    }

    /**
     * One flight in the recency list: the flight itself extends it (one object per flight, not a flight and its
     * node), and {@link #add} gives it its key.
     *
     * @param <N> the flight's own type
     */
    abstract static class Node<N extends Node<N>> extends RecencyList.Node<N> {
        // not private: RecentFlights reaches them through its type N
        /** The key if it is not numbered, else null: a numbered one is {@link #first} and {@link #second}. */
        Key key;
        long first;
        long second;
        /** The connection's entry in the index: the smaller of this direction's key and the opposite one's. */
        long entryFirst;
        long entrySecond;
        /** The flight of the opposite direction while both are followed (itself for a port talking to itself). */
        N reverse;
        boolean followed;

        /** Follows this flight under the key {@code probe} holds now. */
        void follow(Key probe) {
            boolean numbered = probe.numbered();
            this.key = numbered ? null : probe.copy();
            this.first = numbered ? probe.first() : 0;
            this.second = numbered ? probe.second() : 0;
            boolean own = !numbered || ownKeyIsEntry(probe);
            this.entryFirst = own ? first : probe.reverseFirst();
            this.entrySecond = own ? second : probe.reverseSecond();
            this.followed = true;
        }

        boolean numbered() {
            return key == null;
        }

        /** Back to a new node's state (no key, no reverse, not followed), for a flight object reused. */
        final void forget() {
            key = null;
            first = 0;
            second = 0;
            entryFirst = 0;
            entrySecond = 0;
            reverse = null;
            followed = false;
        }

        boolean is(Key probe) {
            return first == probe.first() && second == probe.second();
        }

        /** The reverse direction's flight when it is known and still followed, else null. */
        final N reverse() {
            return reverse != null && reverse.followed ? reverse : null;
        }

        @SuppressWarnings("unchecked")
        final void linkReverse(N other) {
            reverse = other;
            ((Node<N>) other).reverse = (N) this;
        }
    }

    /** Per numbered connection, one followed direction's node (see the class comment). */
    private final LongPairMap<N> numbered = new LongPairMap<>();
    /** The numbered nodes followed (both directions counted). */
    private int numberedFollowed;
    private final Map<Object, N> byKey = new HashMap<>(256);
    private final int kept;
    private final Consumer<N> dropped;
    private final RecencyList<N> order = new RecencyList<>();
    /** The last two nodes looked up or added (see {@link #cached}). */
    private N recent;
    private N previous;

    RecentFlights(int kept, Consumer<N> dropped) {
        this.kept = kept;
        this.dropped = dropped;
    }

    /** The node of {@code probe}, now the most recently used, or null. */
    N get(K probe) {
        N node = cached(probe);
        if (node == null) {
            node = probe.numbered() ? numberedNode(probe) : byKey.get(probe);
            if (node != null) {
                remember(node);
            }
        }
        if (node != null) {
            touch(node);
        }
        return node;
    }

    /** Whether a numbered key's own numbers are its connection's entry (not the opposite direction's). */
    private static boolean ownKeyIsEntry(Key probe) {
        long first = probe.first();
        long reverseFirst = probe.reverseFirst();
        return first < reverseFirst || first == reverseFirst && probe.second() <= probe.reverseSecond();
    }

    /**
     * The followed node of a numbered probe, or null: its connection's entry is this direction's node or the
     * opposite one, whose reverse (linked whenever both are followed) is this direction's.
     */
    private N numberedNode(K probe) {
        N entry = ownKeyIsEntry(probe) ? numbered.get(probe.first(), probe.second())
                : numbered.get(probe.reverseFirst(), probe.reverseSecond());
        if (entry == null || entry.is(probe)) {
            return entry;
        }
        N reverse = entry.reverse();
        return reverse != null && reverse.is(probe) ? reverse : null;
    }

    /**
     * The node of a numbered probe if it is one of the last two looked up or added (a connection's packets come in
     * bursts, alternating between its two flights): no table lookup, which is a cache miss in a table of 10^4-10^5
     * flights. A node no longer followed is not answered.
     */
    private N cached(K probe) {
        if (!probe.numbered()) {
            return null;
        }
        if (isNode(recent, probe)) {
            return recent;
        }
        return isNode(previous, probe) ? previous : null;
    }

    private static boolean isNode(Node<?> node, Key probe) {
        return node != null && node.followed && node.numbered() && node.first == probe.first()
                && node.second == probe.second();
    }

    private void remember(N node) {
        if (node != recent) {
            previous = recent;
            recent = node;
        }
    }

    /**
     * Follows a new flight, under the key {@code probe} holds now, as the most recently used; past the bound, drops
     * the least recently used one.
     */
    N add(K probe, N node) {
        node.follow(probe);
        remember(node);
        if (node.numbered()) {
            numberedFollowed++;
            N opposite = numbered.get(node.entryFirst, node.entrySecond);
            if (opposite == null) {
                numbered.add(node.entryFirst, node.entrySecond, node);
            } else {
                node.linkReverse(opposite); // the other direction is followed: the entry stays its
            }
        } else {
            byKey.put(node.key, node);
        }
        append(node);
        return node;
    }

    /**
     * Whether the direction opposite to {@code node}'s, whose key {@code probe} holds, is known not to be followed
     * without a lookup: {@code node} is numbered and has no reverse, and the two directions are not one (a port
     * talking to itself) - both followed, they would be linked.
     */
    boolean oppositeUnfollowed(N node, K probe) {
        return node.numbered() && node.followed && node.reverse() == null && !node.is(probe);
    }

    /**
     * Follows a new flight for the direction opposite to {@code node}'s (see {@link #oppositeUnfollowed}), under the
     * key {@code probe} holds now, linked to it: what {@link #add} does, without the lookup of their connection's
     * entry, which holds {@code node} and stays so.
     */
    N addOpposite(N node, K probe, N opposite) {
        opposite.follow(probe);
        remember(opposite);
        numberedFollowed++;
        opposite.linkReverse(node);
        append(opposite);
        return opposite;
    }

    /** Appends a new node as the most recently used; past the bound, drops the least recently used one. */
    private void append(N node) {
        order.append(node);
        if (numberedFollowed + byKey.size() > kept) {
            N least = order.eldest();
            dropped.accept(least);
            remove(least);
        }
    }

    /**
     * Stops following both directions of a connection: {@link #remove} of each, in one removal of their entry when
     * they are two numbered, linked ones.
     */
    void removeBoth(N node, N opposite) {
        if (node == opposite || !node.numbered() || !node.followed || node.reverse() != opposite) {
            remove(node);
            remove(opposite);
            return;
        }
        node.followed = false;
        opposite.followed = false;
        numberedFollowed -= 2;
        numbered.remove(node.entryFirst, node.entrySecond);
        order.unlink(node);
        order.unlink(opposite);
    }

    /** Makes {@code node} the most recently used. */
    void touch(N node) {
        order.touch(node);
    }

    /** Stops following the node's flight (nothing when it is already not followed). */
    void remove(N node) {
        if (!node.followed) {
            return;
        }
        node.followed = false;
        if (node.numbered()) {
            numberedFollowed--;
            if (numbered.get(node.entryFirst, node.entrySecond) == node) {
                N reverse = node.reverse(); // the other direction, if still followed, keeps the entry
                if (reverse == null || reverse == node) {
                    numbered.remove(node.entryFirst, node.entrySecond);
                } else {
                    numbered.replace(node.entryFirst, node.entrySecond, reverse);
                }
            }
        } else {
            byKey.remove(node.key);
        }
        order.unlink(node);
    }

    /** Every followed flight, least recently used first; then follows none. */
    void drain(Consumer<N> action) {
        for (N n = order.eldest(); n != null; n = n.newer()) {
            action.accept(n);
            n.followed = false;
        }
        numbered.clear();
        numberedFollowed = 0;
        byKey.clear();
        order.clear();
    }
}
